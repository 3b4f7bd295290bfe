/*
 * gloss/plugin.h: the Gloss plugin ABI.
 *
 * A plugin is a shared library with the suffix GLOSS_PLUGIN_SUFFIX that
 * exports three symbols, all defined by GLOSS_PLUGIN_DEFINE():
 *
 *   gloss_plugin_abi_version  a uint32_t the host reads before running any
 *                             plugin code: (major << 16) | minor.
 *   gloss_plugin_descriptor   the descriptor's address, which the host also
 *                             reads from the file first (minor 2; optional).
 *   gloss_plugin_entry        returns the plugin's static descriptor.
 *
 * The host refuses a plugin whose major differs from its own or whose minor
 * is newer than its own, and loads every other plugin of its major. Within a
 * major version this header only grows: structs gain fields at their end
 * (after a "minor N" divider), and every struct starts with struct_size, the
 * sizeof of the struct in the header the side that filled it in was built
 * against. So each side reads only the fields the other one knows:
 *   - A table the plugin fills in (gloss_plugin_info and each table it
 *     registers) may be smaller than the host's, when the plugin was built
 *     against an older minor. The host accepts any struct_size from the size
 *     the table had in the minor that introduced it, copies that many bytes
 *     (never more than its own sizeof) and reads the fields the plugin's
 *     minor did not have as zero: NULL, absent. A smaller struct_size is
 *     refused.
 *   - A struct the host fills in (documents, requests, sinks, frames and the
 *     services table) is never smaller than the plugin's header has it, since
 *     the plugin's minor is not newer than the host's. A plugin reads the
 *     fields it knows and ignores the rest.
 *
 * Rules of the boundary: C99 only; strings are UTF-8 as (pointer, size)
 * pairs and are not NUL-terminated unless stated; no exception may cross it
 * (plugin.hpp has a guard); every call returns a gloss_status. Ownership:
 * everything the host passes in stays the host's and is valid only until the
 * call returns, unless stated; everything a plugin passes to a host function
 * is copied by the host before that function returns, unless stated.
 */
#ifndef GLOSS_PLUGIN_H
#define GLOSS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* [SECTION] Versions and linkage ---------------------------------------- */

#define GLOSS_PLUGIN_ABI_MAJOR 1
#define GLOSS_PLUGIN_ABI_MINOR 2
#define GLOSS_PLUGIN_ABI_VERSION (((uint32_t)GLOSS_PLUGIN_ABI_MAJOR << 16) | (uint32_t)GLOSS_PLUGIN_ABI_MINOR)
#define GLOSS_PLUGIN_ABI_VERSION_MAJOR(v) ((uint32_t)(v) >> 16)
#define GLOSS_PLUGIN_ABI_VERSION_MINOR(v) ((uint32_t)(v)&0xFFFFu)

/* The file name suffix the host looks for in plugin folders. */
#define GLOSS_PLUGIN_SUFFIX ".gloss-plugin"

#if defined(__GNUC__)
#define GLOSS_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define GLOSS_PLUGIN_EXPORT
#endif

#ifdef __cplusplus
#define GLOSS_PLUGIN_EXTERN_C extern "C"
#else
#define GLOSS_PLUGIN_EXTERN_C
#endif

/* [SECTION] Status codes ------------------------------------------------ */

typedef int32_t gloss_status;
#define GLOSS_OK 0
#define GLOSS_ERROR 1       /* the call failed; the plugin said why with set_error */
#define GLOSS_UNSUPPORTED 2 /* the plugin cannot do this with this input */
#define GLOSS_STOP 3        /* from a sink: the host wants no more output; stop early */

/* Log levels for gloss_host_services.log. */
#define GLOSS_LOG_DEBUG 0
#define GLOSS_LOG_INFO 1
#define GLOSS_LOG_WARNING 2
#define GLOSS_LOG_ERROR 3

/* [SECTION] What the host passes in --------------------------------------- */

/* Opaque to plugins: the host's side of one loaded plugin. */
typedef struct gloss_host gloss_host;

/* A report. Offsets are UTF-8 byte offsets, half-open, on code-point
 * boundaries. Valid until the call that received it returns. */
typedef struct gloss_document {
    uint32_t struct_size;
    const char* text; /* the report's UTF-8 text */
    size_t text_size;
    const char* name; /* file name, no folders */
    size_t name_size;
    uint64_t codepoints; /* number of code points in text */
    /* --- minor 1 --- */
    /* Byte offsets where each page of the report starts, increasing, the
     * first 0: form feeds in a text file, the pages a source extracted.
     * page_count is 0 for an empty report. */
    const uint64_t* page_starts;
    size_t page_count;
} gloss_document;

/* [SECTION] Sinks: where a plugin's output goes ------------------------------
 * A sink's functions copy what they receive before returning. A sink is
 * valid only during the call that received it. A sink function returning
 * GLOSS_STOP asks the plugin to stop early and return GLOSS_OK. */

/* A highlight: bytes [start, end) of the document, shown in the colour of the
 * codebook tag `tag`. The host drops (and counts) spans that are empty, out
 * of range, or not on code-point boundaries. */
typedef struct gloss_span {
    uint64_t start;
    uint64_t end;
    const char* tag;
    size_t tag_size;
} gloss_span;

typedef struct gloss_span_sink {
    uint32_t struct_size;
    void* context; /* the host's; pass it back */
    gloss_status (*emit)(void* context, const gloss_span* spans, size_t count);
} gloss_span_sink;

/* A suggested codebook tag for a selection, with a score in [0, 1]. */
typedef struct gloss_tag_sink {
    uint32_t struct_size;
    void* context;
    gloss_status (*emit)(void* context, const char* tag, size_t tag_size, double score);
} gloss_tag_sink;

/* Bytes of an export or import result, in order; may be called many times. */
typedef struct gloss_byte_sink {
    uint32_t struct_size;
    void* context;
    gloss_status (*write)(void* context, const char* bytes, size_t size);
} gloss_byte_sink;

/* [SECTION] Capabilities: what a plugin registers ---------------------------
 * A plugin registers capabilities from init. The host copies each table and
 * its strings; `state` is the plugin's own pointer, passed back to every
 * callback. Callbacks may run on worker threads (never two at once for the
 * same plugin), except panels, which run on the UI thread. */

/* Highlights passages of a document (the themes plugin, for example). */
typedef struct gloss_highlight_request {
    uint32_t struct_size;
    const gloss_document* document;
    const char* codebook_json; /* the open codebook, as a gloss.codebook file */
    size_t codebook_size;
} gloss_highlight_request;

typedef struct gloss_highlighter {
    uint32_t struct_size;
    const char* name; /* NUL-terminated; shown to users */
    void* state;
    gloss_status (*highlight)(void* state, const gloss_highlight_request* request, const gloss_span_sink* sink);
} gloss_highlighter;

/* Suggests codebook tags for a selection. */
typedef struct gloss_tag_request {
    uint32_t struct_size;
    const gloss_document* document;
    uint64_t start; /* the selection, bytes, half-open */
    uint64_t end;
    const char* codebook_json;
    size_t codebook_size;
} gloss_tag_request;

/* What a user asks for at a selection (gloss_tag_edit_request.action). */
#define GLOSS_TAG_APPLY 0    /* put `tag` on the selection */
#define GLOSS_TAG_REMOVE 1   /* take `tag` off the annotations at the selection */
#define GLOSS_TAG_SET_NOTE 2 /* set the note of the annotation at the selection */

typedef struct gloss_tag_edit_request {
    uint32_t struct_size;
    const gloss_document* document;
    uint64_t start; /* the selection, code points, half-open */
    uint64_t end;
    int32_t action;
    const char* tag; /* a codebook tag id */
    size_t tag_size;
    const char* note;
    size_t note_size;
    const char* codebook_json;
    size_t codebook_size;
    /* The annotations overlapping the selection: a JSON array of records of
     * the Gloss annotation file (docs/formats.md). */
    const char* annotations_json;
    size_t annotations_size;
} gloss_tag_edit_request;

typedef struct gloss_tagger {
    uint32_t struct_size;
    const char* name;
    void* state;
    gloss_status (*suggest)(void* state, const gloss_tag_request* request, const gloss_tag_sink* sink);
    /* Decides what an action means for the annotations at the selection and
     * writes the changes to `out` as a JSON array of edits, which the host
     * checks and applies as one undoable step (code points, half-open):
     *   {"op": "add", "start": S, "end": E, "tags": [...], "note": "..."}
     *   {"op": "update", "id": "...", "tags": [...], "note": "..."}
     *   {"op": "remove", "id": "..."}
     * May be NULL for a tagger that only suggests. */
    gloss_status (*edit)(void* state, const gloss_tag_edit_request* request, const gloss_byte_sink* out);
} gloss_tagger;

/* Turns annotations into another format. The input is a Gloss annotation
 * file (docs/formats.md) as JSON text. For `gloss-cli project export` the
 * input is instead a project bundle ("format": "gloss.project-bundle",
 * docs/formats.md §9.6: every report's text, attributes and annotation file,
 * and the project codebook) and `document` is an empty report; only an
 * exporter that knows bundles (qdpx) is given one. */
typedef struct gloss_export_request {
    uint32_t struct_size;
    const gloss_document* document;
    const char* annotations_json;
    size_t annotations_size;
    /* --- minor 2 --- */
    /* The options the user gave for this conversion, as a JSON object (text,
     * not NUL-terminated), "{}" when none: e.g. {"excel": true} from
     * `gloss-cli export --excel`. A plugin ignores options it does not know. */
    const char* options_json;
    size_t options_size;
} gloss_export_request;

typedef struct gloss_exporter {
    uint32_t struct_size;
    const char* format;      /* NUL-terminated, e.g. "csv"; chosen with --format */
    const char* extension;   /* NUL-terminated, without the dot, e.g. "csv" */
    const char* description; /* NUL-terminated */
    void* state;
    gloss_status (*export_annotations)(void* state, const gloss_export_request* request, const gloss_byte_sink* out);
} gloss_exporter;

/* Reads annotations from another format; writes a Gloss annotation file
 * (JSON text) to `out`. The host validates it like any file it opens. Given
 * an empty `document` (no report: `gloss-cli project import`), an importer
 * of whole projects (qdpx) writes a project bundle instead (docs/formats.md
 * §9.6). */
typedef struct gloss_import_request {
    uint32_t struct_size;
    const gloss_document* document;
    const char* bytes; /* the file to import */
    size_t size;
    /* --- minor 2 --- */
    /* As in gloss_export_request: e.g. {"positions": "utf16"} from
     * `gloss-cli import --positions utf16`. */
    const char* options_json;
    size_t options_size;
} gloss_import_request;

typedef struct gloss_importer {
    uint32_t struct_size;
    const char* format;
    const char* extension;
    const char* description;
    void* state;
    gloss_status (*import_annotations)(void* state, const gloss_import_request* request, const gloss_byte_sink* out);
} gloss_importer;

/* Draws a window of its own in the editor with Dear ImGui. `imgui_context`
 * is the editor's ImGuiContext; the allocator functions are the ones that
 * context uses. A panel built against another ImGui version is refused. */
typedef struct gloss_panel_frame {
    uint32_t struct_size;
    void* imgui_context;
    void* (*imgui_alloc)(size_t size, void* user_data);
    void (*imgui_free)(void* pointer, void* user_data);
    void* imgui_alloc_user_data;
    const gloss_document* document; /* the open report, or NULL */
} gloss_panel_frame;

typedef struct gloss_panel {
    uint32_t struct_size;
    const char* title; /* NUL-terminated window title */
    int32_t imgui_version; /* IMGUI_VERSION_NUM the panel was built with */
    void* state;
    gloss_status (*draw)(void* state, const gloss_panel_frame* frame);
} gloss_panel;

/* --- minor 1: sources -----------------------------------------------------
 * A source turns a report file that is not plain text (PDF, DOCX, HTML) into
 * the text Gloss annotates. Gloss hands a source the files whose extension
 * it claims, or, when no source claims the extension, whose first bytes are
 * its magic. Extraction must be deterministic: the same bytes give the same
 * text and page starts every time, since annotation offsets count into it. */

typedef struct gloss_source_request {
    uint32_t struct_size;
    const char* bytes; /* the whole report file */
    size_t size;
    const char* name; /* its file name, no folders */
    size_t name_size;
} gloss_source_request;

/* A heading of an extracted report (minor 2): bytes [start, end) of the text
 * are its title, `level` is 1 (a title or chapter) to 6. */
typedef struct gloss_heading {
    uint64_t start;
    uint64_t end;
    uint32_t level;
} gloss_heading;

/* Where a source puts the text it extracted: one call to `set_text`. The
 * host copies and checks it: `text` must be UTF-8; `page_starts` (may be
 * NULL with page_count 0 when the format has no pages) must start at 0,
 * increase strictly, lie inside the text and on code-point boundaries. A
 * source that finds no text at all fails with a message instead. */
typedef struct gloss_text_sink {
    uint32_t struct_size;
    void* context;
    gloss_status (*set_text)(void* context, const char* text, size_t text_size, const uint64_t* page_starts,
                             size_t page_count);
    /* --- minor 2 --- */
    /* The report's headings, for the editor's outline: at most one call,
     * after set_text. The host copies and checks them like the page starts:
     * in text order (starts increasing strictly), each non-empty, inside the
     * text, on code-point boundaries, at a level from 1 to 6. */
    gloss_status (*set_headings)(void* context, const gloss_heading* headings, size_t count);
} gloss_text_sink;

typedef struct gloss_source {
    uint32_t struct_size;
    const char* format; /* NUL-terminated, unique, e.g. "pdf" */
    /* NUL-terminated: what extracts the text, recorded in annotation files
     * so a later text can be traced to its extractor, e.g. "poppler" and
     * "22.12.0". */
    const char* extractor;
    const char* extractor_version;
    /* NUL-terminated, space-separated, lowercase, without dots: "htm html". */
    const char* extensions;
    const char* mime_type; /* NUL-terminated, e.g. "application/pdf" */
    /* The first bytes of every file of the format, or magic_size 0. */
    const char* magic;
    size_t magic_size;
    void* state;
    gloss_status (*extract)(void* state, const gloss_source_request* request, const gloss_text_sink* out);
} gloss_source;

/* [SECTION] Host services --------------------------------------------------
 * The table the host gives init. Valid from init until shutdown returns;
 * `host` is passed back to every function. */
typedef struct gloss_host_services {
    uint32_t struct_size;
    uint32_t abi_version; /* the host's GLOSS_PLUGIN_ABI_VERSION */
    gloss_host* host;

    void (*log)(gloss_host* host, int32_t level, const char* message, size_t size);
    /* The reason the current call is about to return GLOSS_ERROR. */
    void (*set_error)(gloss_host* host, const char* message, size_t size);

    /* This plugin's settings as a JSON object (text, not NUL-terminated),
     * "{}" when there are none. Valid until shutdown. */
    const char* settings_json;
    size_t settings_size;

    /* Only callable from init. Each returns GLOSS_ERROR for a malformed table
     * (a struct_size smaller than the table had in the minor that introduced
     * it, a missing callback or name). */
    gloss_status (*register_highlighter)(gloss_host* host, const gloss_highlighter* highlighter);
    gloss_status (*register_tagger)(gloss_host* host, const gloss_tagger* tagger);
    gloss_status (*register_exporter)(gloss_host* host, const gloss_exporter* exporter);
    gloss_status (*register_importer)(gloss_host* host, const gloss_importer* importer);
    gloss_status (*register_panel)(gloss_host* host, const gloss_panel* panel);

    /* Conversions between byte and code-point offsets of a document the host
     * passed in, without scanning from its start. */
    uint64_t (*codepoint_offset)(gloss_host* host, const gloss_document* document, uint64_t byte);
    uint64_t (*byte_offset)(gloss_host* host, const gloss_document* document, uint64_t codepoint);

    /* --- minor 1 --- */
    /* Only callable from init, like the other register_ functions. */
    gloss_status (*register_source)(gloss_host* host, const gloss_source* source);

    /* --- minor 3 and later append here --- */
} gloss_host_services;

/* [SECTION] The plugin descriptor ------------------------------------------ */

typedef struct gloss_plugin_info {
    uint32_t struct_size;
    const char* id;          /* NUL-terminated, unique: lowercase letters, digits, '-', '_', '.' */
    const char* name;        /* NUL-terminated, for people */
    const char* version;     /* NUL-terminated, the plugin's own version */
    const char* description; /* NUL-terminated */
    /* Registers capabilities; may set *state for shutdown. Returning anything
     * but GLOSS_OK refuses the plugin (with the message from set_error). */
    gloss_status (*init)(const gloss_host_services* services, void** state);
    /* Frees what init made. May be NULL. */
    void (*shutdown)(void* state);
} gloss_plugin_info;

typedef const gloss_plugin_info* (*gloss_plugin_entry_fn)(void);

#define GLOSS_PLUGIN_ABI_SYMBOL "gloss_plugin_abi_version"
#define GLOSS_PLUGIN_ENTRY_SYMBOL "gloss_plugin_entry"
/* The descriptor's address as data, which the host reads from the file
 * before loading it, so that a plugin with a bad id or descriptor is refused
 * before any of its code (constructors included) runs. Optional: a plugin
 * without it is checked once loaded, through gloss_plugin_entry. */
#define GLOSS_PLUGIN_DESCRIPTOR_SYMBOL "gloss_plugin_descriptor"

/* Defines the exported symbols. INFO is a static gloss_plugin_info. */
#define GLOSS_PLUGIN_DEFINE(INFO)                                                                             \
    GLOSS_PLUGIN_EXTERN_C GLOSS_PLUGIN_EXPORT const uint32_t gloss_plugin_abi_version = GLOSS_PLUGIN_ABI_VERSION; \
    GLOSS_PLUGIN_EXTERN_C GLOSS_PLUGIN_EXPORT const gloss_plugin_info* const gloss_plugin_descriptor = &(INFO); \
    GLOSS_PLUGIN_EXTERN_C GLOSS_PLUGIN_EXPORT const gloss_plugin_info* gloss_plugin_entry(void);              \
    GLOSS_PLUGIN_EXTERN_C GLOSS_PLUGIN_EXPORT const gloss_plugin_info* gloss_plugin_entry(void) { return &(INFO); }

#ifdef __cplusplus
}
#endif

#endif /* GLOSS_PLUGIN_H */
