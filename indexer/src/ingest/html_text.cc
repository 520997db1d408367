// The visible text of an HTML document, parsed by gumbo (an HTML5 parser: what a
// browser would build, entities decoded).
#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include <gumbo.h>

#include "tigris/dates.h"
#include "tigris/error.h"
#include "tigris/file_text.h"

namespace tigris {

namespace {

// The charset an HTML document declares in its first 1024 bytes (<meta charset=...> or
// http-equiv's "...; charset=..."; the HTML standard's prescan looks as far), or "".
std::string declared_charset(std::string_view bytes) {
    std::string head(bytes.substr(0, 1024));
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::size_t at = head.find("charset=");
    if (at == std::string::npos) return "";
    std::size_t i = at + 8;
    while (i < head.size() && (head[i] == '"' || head[i] == '\'' || head[i] == ' ')) ++i;
    std::string name;
    for (; i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) || std::string_view("-_.:").find(head[i]) != std::string_view::npos); ++i) {
        name += head[i];
    }
    return name;
}

// Elements a depth count passes over: void ones, and those whose end tag may be left
// out (the parser closes them by itself).
bool unnested(std::string_view name) {
    static const char* const kNames[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                         "source", "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr",
                                         "option", "optgroup", "tbody", "thead", "tfoot", "colgroup", "rb", "rt", "rp"};
    return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

}  // namespace

std::size_t html_nesting_depth(std::string_view html) {
    std::size_t depth = 0, deepest = 0;
    for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
        const bool end = i + 1 < html.size() && html[i + 1] == '/';
        std::size_t j = i + 1 + (end ? 1 : 0);
        std::string name;
        for (; j < html.size() && std::isalnum(static_cast<unsigned char>(html[j])) && name.size() < 16; ++j) {
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[j])));
        }
        if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])) || unnested(name)) continue;
        const std::size_t close = html.find('>', j);
        if (close == std::string_view::npos) break;
        if (end) {
            depth -= depth > 0 ? 1 : 0;
        } else if (html[close - 1] != '/') {
            deepest = std::max(deepest, ++depth);
        }
    }
    return deepest;
}

namespace {

// Elements whose content a reader never sees as text.
bool hidden(GumboTag tag) {
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_TEMPLATE ||
           tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_HEAD;
}

// Elements that start a line of their own; cells are set apart by a space.
bool block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_BR: case GUMBO_TAG_CAPTION: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV:
        case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
        case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
        case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL:
        case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_LEGEND: case GUMBO_TAG_OPTION:
            return true;
        default:
            return false;
    }
}

const GumboVector& children(const GumboNode* node) {
    return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

std::string attribute(const GumboNode* node, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? a->value : "";
}

// The text below @p node as one line (for <title>).
std::string flat_text(const GumboNode* node) {
    std::string out;
    const GumboVector& kids = node->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
        const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
        if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_WHITESPACE) out += kid->v.text.text;
    }
    std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    const std::size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
    return b == std::string::npos ? "" : out.substr(b, e - b + 1);
}

// The day a <meta> names, for the names publishers use for a page's date, or "".
std::string meta_date(const GumboNode* node) {
    std::string name = attribute(node, "name");
    if (name.empty()) name = attribute(node, "property");
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const kDateNames[] = {"date", "dc.date", "dcterms.date", "dc.date.issued", "dcterms.created",
                                             "article:published_time", "pubdate", "publishdate", "publish_date",
                                             "citation_publication_date"};
    if (std::find(std::begin(kDateNames), std::end(kDateNames), name) == std::end(kDateNames)) return "";
    std::string day = attribute(node, "content").substr(0, 10);
    std::replace(day.begin(), day.end(), '/', '-');
    return valid_day(day) ? day : "";
}

// Collects the visible text of a tree: whitespace runs as one space, a line per block.
// Walks with its own stack: a page nested 100,000 deep must not exhaust the thread's.
class TextCollector {
  public:
    void walk(const GumboNode* root) {
        std::vector<std::pair<const GumboNode*, bool>> todo{{root, false}};  // (node, leaving it)
        while (!todo.empty()) {
            const auto [node, leaving] = todo.back();
            todo.pop_back();
            if (leaving) {
                if (block(node->v.element.tag)) line_break();
                space_ = true;  // a cell's end
                continue;
            }
            if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
                append(node->v.text.text);
                continue;
            }
            if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;  // comments, templates
            if (node->type == GUMBO_NODE_ELEMENT && !visit(node)) continue;
            const GumboTag tag = node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
            if (block(tag) || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
                if (block(tag)) line_break();
                space_ = true;
                todo.push_back({node, true});
            }
            const GumboVector& kids = children(node);
            for (unsigned i = kids.length; i-- > 0;) todo.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
        }
    }

    FileText result() {
        FileText out;
        const std::size_t end = text_.find_last_not_of(" \n");
        out.body = end == std::string::npos ? "" : text_.substr(0, end + 1);
        out.title = title_;
        out.date = date_;
        return out;
    }

  private:
    // Takes what an element says besides its text; false when its content is not shown.
    bool visit(const GumboNode* node) {
        const GumboTag tag = node->v.element.tag;
        if (node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
            if (tag == GUMBO_TAG_TITLE && title_.empty()) title_ = flat_text(node);
            if (tag == GUMBO_TAG_META && date_.empty()) date_ = meta_date(node);
            if (tag == GUMBO_TAG_HEAD) {  // its title and meta, no text
                const GumboVector& kids = node->v.element.children;
                for (unsigned i = 0; i < kids.length; ++i) {
                    const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
                    if (kid->type == GUMBO_NODE_ELEMENT) visit(kid);
                }
            }
        }
        return !hidden(tag) && tag != GUMBO_TAG_TITLE;
    }

    void append(const char* text) {
        for (const char* p = text; *p; ++p) {
            if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
                space_ = true;
                continue;
            }
            if (space_ && !text_.empty() && text_.back() != '\n') text_ += ' ';
            space_ = false;
            text_ += *p;
        }
    }

    void line_break() {
        space_ = false;
        while (!text_.empty() && text_.back() == ' ') text_.pop_back();
        if (!text_.empty() && text_.back() != '\n') text_ += '\n';
    }

    std::string text_, title_, date_;
    bool space_ = false;
};

struct GumboDeleter {
    void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

FileText html_text(std::string_view bytes) {
    std::string used;
    const std::string utf8 = decode_text(bytes, declared_charset(bytes), &used);
    if (html_nesting_depth(utf8) > kMaxHtmlDepth) {
        throw InputError("HTML nests elements deeper than " + std::to_string(kMaxHtmlDepth) + " levels");
    }
    const std::unique_ptr<GumboOutput, GumboDeleter> tree(
        gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size()));
    if (!tree) throw Error("cannot parse HTML: out of memory");
    TextCollector collector;
    collector.walk(tree->document);
    FileText out = collector.result();
    if (used != "UTF-8") out.meta["encoding"] = used;
    return out;
}

}  // namespace tigris
