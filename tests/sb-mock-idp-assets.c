/* The mock IdP's "realistic" sign-in page (SSO query realistic=1): shaped like a
 * real IdP's, for build-aux/bench. An application shell whose form is drawn by
 * script, several style sheets and scripts (a few hundred kB of JavaScript that
 * runs), two web fonts, an analytics iframe, and the headers such sites send:
 * compressed, cacheable assets and a strict, uncacheable page. */
#define G_LOG_DOMAIN "sb-mock"

#include "config.h"

#include "sb-mock-idp-assets.h"

#include <string.h>

#define N_SCRIPTS          4
#define N_STYLES           3
#define FUNCTIONS_A_SCRIPT 900
#define STRINGS_A_SCRIPT   700
#define RULES_A_STYLE      600
#define FONT_DIR           "/usr/share/fonts/opentype/cantarell/"

typedef struct {
  const char *path;
  const char *type;
  GBytes     *plain;
  GBytes     *gzipped;
} Asset;

static GHashTable *assets;

static GBytes *
gzip_bytes (GBytes *plain)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_output_stream_write_bytes (out, plain, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Minified-looking code that parses and runs: string tables, many small functions,
 * and a start-up pass over them, as a sign-in widget's bundles do. */
static GBytes *
make_script (guint n)
{
  GString *js = g_string_new (NULL);

  g_string_append_printf (js, "/*! mock-idp vendor bundle %u */\n(function(w){\"use strict\";"
                              "var M=w.__mockIdp||(w.__mockIdp={ready:0,sum:0});var T%u=[", n, n);
  for (guint i = 0; i < STRINGS_A_SCRIPT; i++)
    g_string_append_printf (js, "%s\"i18n.%u.%u.sign-in.label.%08x-%08x\"", i ? "," : "", n, i,
                            g_str_hash (js->str + js->len / 2) ^ i, i * 2654435761u);
  g_string_append (js, "];\n");
  for (guint i = 0; i < FUNCTIONS_A_SCRIPT; i++)
    g_string_append_printf (js, "function f%u_%u(a,b){var s=b|0;for(var j=0;j<a.length;j++){s=(s*31+a.charCodeAt(j))|0}"
                                "return (s^%u)>>>0}\n", n, i, i * 40503u);
  g_string_append_printf (js, "var s=0;for(var i=0;i<T%u.length;i++){s^=f%u_%u(T%u[i],i)}M.sum^=s;M.ready++;"
                              "w.dispatchEvent(new Event(\"mockidp:bundle\"))})(window);\n",
                          n, n, FUNCTIONS_A_SCRIPT - 1, n);

  return g_string_free_to_bytes (js);
}

/* The widget: it draws the form into its container once every bundle has run. */
static GBytes *
make_widget_script (void)
{
  GString *js = g_string_new ("/*! mock-idp sign-in widget */\n");

  g_string_append_printf (js,
    "(function(w,d){\"use strict\";function el(t,a,c){var e=d.createElement(t);for(var k in a)e.setAttribute(k,a[k]);"
    "(c||[]).forEach(function(x){e.appendChild(typeof x==\"string\"?d.createTextNode(x):x)});return e}"
    "function draw(){var root=d.getElementById(\"sign-in-widget\");var q=root.getAttribute(\"data-query\");"
    "var failed=root.getAttribute(\"data-failed\")===\"1\";"
    "var form=el(\"form\",{method:\"post\",action:\"/idp/login\",\"class\":\"widget-form\"},["
    "el(\"h2\",{},[\"Sign In\"]),"
    "failed?el(\"p\",{\"class\":\"error\",role:\"alert\"},[\"Incorrect username or password.\"]):\"\","
    "el(\"input\",{type:\"hidden\",name:\"query\",value:q}),"
    "el(\"label\",{\"for\":\"username\"},[\"Username\"]),"
    "el(\"input\",{id:\"username\",name:\"username\",type:\"text\",autocomplete:\"username\"}),"
    "el(\"label\",{\"for\":\"password\"},[\"Password\"]),"
    "el(\"input\",{id:\"password\",name:\"password\",type:\"password\",autocomplete:\"current-password\"}),"
    "el(\"label\",{\"class\":\"remember\"},[el(\"input\",{type:\"checkbox\",name:\"remember\"}),\" Keep me signed in\"]),"
    "el(\"button\",{type:\"submit\",\"class\":\"button-primary\"},[\"Sign in\"])]);"
    "root.textContent=\"\";root.appendChild(form);d.getElementById(\"username\").focus()}"
    "function check(){if((w.__mockIdp||{}).ready>=%u)draw();}"
    "w.addEventListener(\"mockidp:bundle\",check);d.addEventListener(\"DOMContentLoaded\",check)})(window,document);\n",
    N_SCRIPTS);

  return g_string_free_to_bytes (js);
}

static GBytes *
make_style (guint n)
{
  GString *css = g_string_new (NULL);

  g_string_append_printf (css, "/*! mock-idp theme %u */\n", n);
  if (n == 0)
    g_string_append (css,
      "@font-face{font-family:\"Mock Sans\";src:url(/idp/assets/sans-regular.otf) format(\"opentype\");font-weight:400;font-display:swap}"
      "@font-face{font-family:\"Mock Sans\";src:url(/idp/assets/sans-bold.otf) format(\"opentype\");font-weight:700;font-display:swap}"
      "body{font-family:\"Mock Sans\",sans-serif;background:#f4f4f6;margin:0}"
      ".shell{max-width:26em;margin:4em auto;background:#fff;border-radius:8px;padding:2em;box-shadow:0 2px 8px #0002}"
      ".widget-form label,.widget-form input,.widget-form button{display:block;margin:.5em 0;width:100%}"
      ".button-primary{font-weight:700;background:#1662dd;color:#fff;border:0;border-radius:4px;padding:.6em}"
      ".widget-form .remember input{display:inline;width:auto;margin:0 .4em 0 0}"
      ".error{color:#c01c28}.beacon{position:absolute;width:1px;height:1px;border:0;left:-9999px}\n");
  for (guint i = 0; i < RULES_A_STYLE; i++)
    g_string_append_printf (css, ".u-%u-%u{margin:%upx %upx;color:#%06x}\n", n, i, i % 17, i % 5, (i * 2654435761u) & 0xffffff);

  return g_string_free_to_bytes (css);
}

static const char frame_html[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Device check</title></head>"
  "<body><script src=\"/idp/assets/frame.js\"></script></body></html>\n";

static const char frame_js[] = "parent.postMessage({deviceCheck:\"ok\"},location.origin);\n";

static GBytes *
read_font (const char *name)
{
  g_autofree char *path = g_build_filename (FONT_DIR, name, NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  return file != NULL ? g_mapped_file_get_bytes (file) : NULL;
}

static void
add_asset (const char *path,
           const char *type,
           GBytes     *plain)
{
  Asset *asset;

  if (plain == NULL)
    return;

  asset = g_new0 (Asset, 1);
  asset->path = path;
  asset->type = type;
  asset->plain = plain;
  /* Fonts are compressed already; text is sent gzipped when the client takes it. */
  asset->gzipped = g_str_has_prefix (type, "font/") ? NULL : gzip_bytes (plain);
  g_hash_table_insert (assets, (gpointer) path, asset);
}

static void
ensure_assets (void)
{
  static const char *script_paths[N_SCRIPTS] = {
    "/idp/assets/vendor-0.js", "/idp/assets/vendor-1.js", "/idp/assets/vendor-2.js", "/idp/assets/vendor-3.js",
  };
  static const char *style_paths[N_STYLES] = {
    "/idp/assets/theme-0.css", "/idp/assets/theme-1.css", "/idp/assets/theme-2.css",
  };

  if (assets != NULL)
    return;

  assets = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < N_SCRIPTS; i++)
    add_asset (script_paths[i], "application/javascript; charset=utf-8", make_script (i));
  for (guint i = 0; i < N_STYLES; i++)
    add_asset (style_paths[i], "text/css; charset=utf-8", make_style (i));
  add_asset ("/idp/assets/widget.js", "application/javascript; charset=utf-8", make_widget_script ());
  add_asset ("/idp/assets/frame.html", "text/html; charset=utf-8", g_bytes_new_static (frame_html, strlen (frame_html)));
  add_asset ("/idp/assets/frame.js", "application/javascript; charset=utf-8", g_bytes_new_static (frame_js, strlen (frame_js)));
  add_asset ("/idp/assets/sans-regular.otf", "font/otf", read_font ("Cantarell-Regular.otf"));
  add_asset ("/idp/assets/sans-bold.otf", "font/otf", read_font ("Cantarell-Bold.otf"));
}

static gboolean
accepts_gzip (SoupServerMessage *message)
{
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                     "Accept-Encoding");

  return accept != NULL && strstr (accept, "gzip") != NULL;
}

gboolean
sb_mock_idp_serve_asset (SoupServerMessage *message,
                         const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  Asset *asset;
  GBytes *body;

  ensure_assets ();
  asset = g_hash_table_lookup (assets, path);
  if (asset == NULL)
    return FALSE;

  body = asset->gzipped != NULL && accepts_gzip (message) ? asset->gzipped : asset->plain;
  if (body == asset->gzipped)
    soup_message_headers_append (headers, "Content-Encoding", "gzip");
  soup_message_headers_append (headers, "Cache-Control", "public, max-age=31536000, immutable");
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_append (headers, "Vary", "Accept-Encoding");
  if (g_str_has_suffix (path, ".html"))
    soup_message_headers_append (headers, "X-Frame-Options", "SAMEORIGIN");

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, asset->type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return TRUE;
}

void
sb_mock_idp_add_page_headers (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_append (headers, "Cache-Control", "no-cache, no-store");
  soup_message_headers_append (headers, "Pragma", "no-cache");
  soup_message_headers_append (headers, "Content-Security-Policy",
                               "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "font-src 'self'; frame-src 'self'; form-action 'self' http://127.0.0.1:*; frame-ancestors 'none'");
  soup_message_headers_append (headers, "X-Frame-Options", "DENY");
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_append (headers, "Referrer-Policy", "strict-origin-when-cross-origin");
  soup_message_headers_append (headers, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  soup_message_headers_append (headers, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

void
sb_mock_idp_append_realistic_page (GString    *html,
                                   const char *escaped_query,
                                   gboolean    failed)
{
  g_string_append (html, "<div class=\"shell\">\n<h1>Mock IdP</h1>\n");
  g_string_append_printf (html, "<div id=\"sign-in-widget\" data-query=\"%s\" data-failed=\"%s\">Loading…</div>\n",
                          escaped_query, failed ? "1" : "0");
  g_string_append (html, "<iframe class=\"beacon\" title=\"Device check\" src=\"/idp/assets/frame.html\"></iframe>\n</div>\n");
}

/* The page's head, with its style sheets and deferred scripts; the body is open. */
GString *
sb_mock_idp_realistic_page_begin (const char *title)
{
  GString *html = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");

  g_string_append_printf (html, "<title>%s</title>\n", title);
  for (guint i = 0; i < N_STYLES; i++)
    g_string_append_printf (html, "<link rel=\"stylesheet\" href=\"/idp/assets/theme-%u.css\">\n", i);
  g_string_append (html, "<link rel=\"preload\" as=\"font\" type=\"font/otf\" href=\"/idp/assets/sans-regular.otf\" crossorigin>\n");
  for (guint i = 0; i < N_SCRIPTS; i++)
    g_string_append_printf (html, "<script defer src=\"/idp/assets/vendor-%u.js\"></script>\n", i);
  g_string_append (html, "<script defer src=\"/idp/assets/widget.js\"></script>\n</head>\n<body>\n");

  return html;
}
