// tigris: the files below a folder, walked one way for every reader (corpus files, lists).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace tigris {

/// A folder that could not be read while listing, and why.
struct FolderProblem {
    std::string folder;
    std::string reason;
};

/// The regular files below @p dir that @p accept takes, sorted by path. Sub-folders are
/// walked too, but links to folders are not followed (they could loop). A folder that
/// cannot be read goes to @p problems, or without it throws IoError naming it.
std::vector<std::filesystem::path> files_below(const std::filesystem::path& dir,
                                               const std::function<bool(const std::filesystem::path&)>& accept,
                                               std::vector<FolderProblem>* problems = nullptr);

}  // namespace tigris
