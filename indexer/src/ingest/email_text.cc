// The text of e-mail messages (.eml, mbox), parsed by GMime: headers decoded (RFC 2047),
// parts decoded (quoted-printable, base64) and read in their declared charset.
#include <fcntl.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <vector>

#include <gmime/gmime.h>

#include "tigris/error.h"
#include "tigris/file_text.h"

namespace tigris {

namespace {

struct GObjectUnref {
    void operator()(gpointer p) const {
        if (p) g_object_unref(p);
    }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
using GString = std::unique_ptr<char, GFree>;

std::string text_of(GString s) { return s ? std::string(s.get()) : ""; }

// GMime's own set-up (its types, charset tables), once per process: the library asks
// for it before any other call, from any thread.
void start_gmime() {
    static std::once_flag started;
    std::call_once(started, [] { g_mime_init(); });
}

GObjectPtr<GMimeParser> parser_over(GMimeStream* stream, GMimeFormat format) {
    GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream));
    g_mime_parser_set_format(parser.get(), format);
    return parser;
}

GObjectPtr<GMimeStream> memory_stream(std::string_view bytes) {
    start_gmime();
    return GObjectPtr<GMimeStream>(
        g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));  // copies the bytes
}

// The decoded content of a leaf part, as UTF-8 by its declared charset.
std::string part_text(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return "";
    GObjectPtr<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, out.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    return decode_text(std::string_view(reinterpret_cast<const char*>(bytes->data), bytes->len), charset ? charset : "");
}

// The text parts of a message, in order, and the names of its attachments.
struct MessageParts {
    std::string plain, html;
    std::vector<std::string> attachments;
};

// Walks the MIME tree with its own stack: a message nested 10,000 deep must not
// exhaust the thread's. A forwarded message (message/rfc822) is read as part of it.
void collect_parts(GMimeObject* root, MessageParts& parts) {
    std::vector<GMimeObject*> todo{root};
    while (!todo.empty()) {
        GMimeObject* obj = todo.back();
        todo.pop_back();
        if (!obj) continue;
        if (GMIME_IS_MULTIPART(obj)) {
            auto* multi = GMIME_MULTIPART(obj);
            for (int i = g_mime_multipart_get_count(multi); i-- > 0;) todo.push_back(g_mime_multipart_get_part(multi, i));
        } else if (GMIME_IS_MESSAGE_PART(obj)) {
            GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
            if (inner) todo.push_back(g_mime_message_get_mime_part(inner));
        } else if (GMIME_IS_PART(obj)) {
            auto* part = GMIME_PART(obj);
            GMimeContentType* type = g_mime_object_get_content_type(obj);
            if (g_mime_part_is_attachment(part)) {
                const char* name = g_mime_part_get_filename(part);
                parts.attachments.push_back(name ? name : "(unnamed)");
            } else if (g_mime_content_type_is_type(type, "text", "plain")) {
                parts.plain += (parts.plain.empty() ? "" : "\n\n") + part_text(part);
            } else if (g_mime_content_type_is_type(type, "text", "html")) {
                parts.html += part_text(part);
            }
        }
    }
}

std::string addresses(InternetAddressList* list) {
    return list ? text_of(GString(internet_address_list_to_string(list, nullptr, FALSE))) : "";
}

}  // namespace

FileText email_text(std::string_view bytes) {
    const GObjectPtr<GMimeStream> stream = memory_stream(bytes);
    const GObjectPtr<GMimeParser> parser = parser_over(stream.get(), GMIME_FORMAT_MESSAGE);
    const GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!message || g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(message.get()))) == 0) {
        throw InputError("not an e-mail message: it has no header lines");
    }
    FileText out;
    const char* subject = g_mime_message_get_subject(message.get());
    out.title = subject ? subject : "";
    if (GDateTime* date = g_mime_message_get_date(message.get())) {
        out.date = text_of(GString(g_date_time_format(date, "%Y-%m-%d")));  // the sender's day
    }
    MessageParts parts;
    collect_parts(g_mime_message_get_mime_part(message.get()), parts);
    out.body = !parts.plain.empty() || parts.html.empty() ? parts.plain : html_text(parts.html).body;
    if (const std::string from = addresses(g_mime_message_get_from(message.get())); !from.empty()) out.meta["from"] = from;
    if (const std::string to = addresses(g_mime_message_get_to(message.get())); !to.empty()) out.meta["to"] = to;
    if (const char* id = g_mime_message_get_message_id(message.get())) out.meta["message_id"] = id;
    if (!parts.attachments.empty()) out.meta["attachments"] = parts.attachments;
    return out;
}

std::vector<MboxMessage> mbox_messages(const std::string& path) {
    start_gmime();
    GError* error = nullptr;
    const GObjectPtr<GMimeStream> stream(g_mime_stream_fs_open(path.c_str(), O_RDONLY, 0, &error));
    if (!stream) {
        const std::string why = error ? error->message : "cannot open it";
        g_clear_error(&error);
        throw InputError("cannot read mbox: " + why);
    }
    const GObjectPtr<GMimeParser> parser = parser_over(stream.get(), GMIME_FORMAT_MBOX);
    // The line of each "From " line: counted on a second reader of the file, as far as
    // each marker (the parser reads ahead of the message it returns).
    std::ifstream lines(path, std::ios::binary);
    std::uint64_t counted = 0;
    std::size_t line = 1;
    std::vector<MboxMessage> out;
    while (!g_mime_parser_eos(parser.get())) {
        const GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
        if (!message) break;
        const auto marker = static_cast<std::uint64_t>(g_mime_parser_get_mbox_marker_offset(parser.get()));
        const auto begin = static_cast<std::uint64_t>(g_mime_parser_get_headers_begin(parser.get()));
        const auto end = static_cast<std::uint64_t>(g_mime_parser_tell(parser.get()));
        if (marker < counted || begin > end) break;  // the parser went back: stop rather than loop
        for (char c; counted < marker && lines.get(c); ++counted) line += c == '\n';
        out.push_back({begin, end - begin, line});
    }
    return out;
}

}  // namespace tigris
