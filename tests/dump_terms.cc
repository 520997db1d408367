// Prints the terms of each argument with the test lexicon (a tool for writing tests).
#include <iostream>

#include "test_support.h"
#include "tigris/query_builder.h"

int main(int argc, char** argv) {
    tigris::QueryBuilder qb(tigris::test::test_analyzer());
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("q:", 0) == 0) {
            std::cout << qb.build(arg.substr(2)).get_description() << "\n";
            continue;
        }
        std::cout << "{";
        for (const auto& t : tigris::test::body_terms(arg)) std::cout << "\"" << t << "\", ";
        std::cout << "}\n";
    }
}
