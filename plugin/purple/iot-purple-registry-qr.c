/* iot-purple-registry-qr.c — the text of a QR code in an image file, read
 * with libzbar (PNG through libpng, JPEG through libjpeg). See
 * iot-purple-registry.h. */
#include "iot-purple-registry.h"

#include "iot-error.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <png.h>
#include <zbar.h>

#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>
#include <string.h>

/* Pictures larger than this (pixels per side) are refused. */
#define QR_MAX_SIDE 8192

static const guchar png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* libpng's errors end the reading (no message on stderr: the caller says
 * it in words); warnings are dropped. */
static void
png_error_cb(png_structp png, png_const_charp msg)
{
	png_longjmp(png, 1);
}

static void
png_warning_cb(png_structp png, png_const_charp msg)
{
}

/* Reads @path (a PNG) into 8-bit grey; NULL with @error. */
static guchar *
read_png_grey(const char *path, guint *width, guint *height, GError **error)
{
	FILE *f = g_fopen(path, "rb");
	png_structp png = NULL;
	png_infop info = NULL;
	guchar head[8];
	guchar *grey = NULL;
	png_bytep row = NULL;
	volatile gboolean ok = FALSE;
	volatile png_uint_32 w = 0, h = 0;
	png_uint_32 y;
	int p, passes;

	if (f == NULL) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_NOT_FOUND, _("The picture %s cannot be opened."), path);
		return NULL;
	}
	if (fread(head, 1, sizeof head, f) != sizeof head || memcmp(head, png_magic, sizeof head) != 0) {
		fclose(f);
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		                    _("The file is not a PNG or JPEG picture: save the QR code as PNG and try again."));
		return NULL;
	}
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warning_cb);
	info = png ? png_create_info_struct(png) : NULL;
	if (png == NULL || info == NULL)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_init_io(png, f);
	png_set_sig_bytes(png, sizeof head);
	png_set_user_limits(png, QR_MAX_SIDE, QR_MAX_SIDE);
	png_read_info(png, info);
	w = png_get_image_width(png, info);
	h = png_get_image_height(png, info);
	if (w == 0 || h == 0 || w > QR_MAX_SIDE || h > QR_MAX_SIDE)
		goto out;
	/* Everything to 8-bit grey without alpha (transparent on white). */
	png_set_expand(png);
	png_set_strip_16(png);
	if (png_get_color_type(png, info) & PNG_COLOR_MASK_COLOR)
		png_set_rgb_to_gray_fixed(png, 1, -1, -1);
	{
		png_color_16 white = { 0, 255, 255, 255, 255 };
		png_set_background(png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, 1.0);
	}
	passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) != w) /* not one grey byte per pixel after all */
		goto out;
	grey = g_malloc((gsize)w * h);
	/* An interlaced picture is read once per pass, into the same rows. */
	for (p = 0; p < passes; p++)
		for (y = 0; y < h; y++) {
			row = grey + (gsize)y * w;
			png_read_row(png, row, NULL);
		}
	png_read_end(png, NULL);
	ok = TRUE;
out:
	if (png)
		png_destroy_read_struct(&png, info ? &info : NULL, NULL);
	fclose(f);
	if (!ok) {
		g_free(grey);
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		                    _("The picture cannot be read: the file is damaged or not a PNG picture."));
		return NULL;
	}
	*width = w;
	*height = h;
	return grey;
}

/* libjpeg's errors end the reading quietly, as libpng's do. */
typedef struct {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
} JpegError;

static void
jpeg_error_cb(j_common_ptr cinfo)
{
	longjmp(((JpegError *)cinfo->err)->jump, 1);
}

static void
jpeg_message_cb(j_common_ptr cinfo)
{
}

/* Reads @path (a JPEG) into 8-bit grey; NULL with @error. */
static guchar *
read_jpeg_grey(const char *path, guint *width, guint *height, GError **error)
{
	FILE *f = g_fopen(path, "rb");
	struct jpeg_decompress_struct cinfo;
	JpegError jerr;
	guchar *volatile grey = NULL;

	if (f == NULL) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_NOT_FOUND, _("The picture %s cannot be opened."), path);
		return NULL;
	}
	cinfo.err = jpeg_std_error(&jerr.mgr);
	jerr.mgr.error_exit = jpeg_error_cb;
	jerr.mgr.output_message = jpeg_message_cb;
	if (setjmp(jerr.jump)) {
		jpeg_destroy_decompress(&cinfo);
		fclose(f);
		g_free(grey);
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED,
		                    _("The picture cannot be read: the file is damaged or not a JPEG picture."));
		return NULL;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_stdio_src(&cinfo, f);
	jpeg_read_header(&cinfo, TRUE);
	if (cinfo.image_width == 0 || cinfo.image_height == 0 || cinfo.image_width > QR_MAX_SIDE ||
	    cinfo.image_height > QR_MAX_SIDE)
		jpeg_error_cb((j_common_ptr)&cinfo);
	cinfo.out_color_space = JCS_GRAYSCALE;
	jpeg_start_decompress(&cinfo);
	grey = g_malloc((gsize)cinfo.output_width * cinfo.output_height);
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW row = grey + (gsize)cinfo.output_scanline * cinfo.output_width;
		jpeg_read_scanlines(&cinfo, &row, 1);
	}
	*width = cinfo.output_width;
	*height = cinfo.output_height;
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	fclose(f);
	return grey;
}

static gboolean
is_jpeg(const char *path)
{
	FILE *f = g_fopen(path, "rb");
	guchar head[3] = { 0 };
	gboolean yes;

	if (f == NULL)
		return FALSE;
	yes = fread(head, 1, 3, f) == 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff;
	fclose(f);
	return yes;
}

char *
iot_purple_qr_decode_file(const char *path, GError **error)
{
	GStatBuf st;
	guchar *grey;
	guint w = 0, h = 0;
	zbar_image_scanner_t *scanner;
	zbar_image_t *img;
	const zbar_symbol_t *sym;
	char *text = NULL;
	int n;

	if (path == NULL || *path == '\0') {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_BAD_REQUEST, _("No picture was given."));
		return NULL;
	}
	if (g_stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		g_set_error(error, IOT_ERROR, IOT_ERROR_NOT_FOUND, _("The picture %s cannot be opened."), path);
		return NULL;
	}
	if (st.st_size > IOT_PURPLE_QR_MAX_FILE_BYTES) {
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, _("The picture is too large to read."));
		return NULL;
	}
	grey = is_jpeg(path) ? read_jpeg_grey(path, &w, &h, error) : read_png_grey(path, &w, &h, error);
	if (grey == NULL)
		return NULL;
	scanner = zbar_image_scanner_create();
	zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	img = zbar_image_create();
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, w, h);
	zbar_image_set_data(img, grey, (unsigned long)w * h, NULL);
	n = zbar_scan_image(scanner, img);
	for (sym = n > 0 ? zbar_image_first_symbol(img) : NULL; sym != NULL && text == NULL; sym = zbar_symbol_next(sym)) {
		const char *d = zbar_symbol_get_data(sym);
		unsigned int len = zbar_symbol_get_data_length(sym);
		if (zbar_symbol_get_type(sym) != ZBAR_QRCODE || d == NULL)
			continue;
		if (len > IOT_REGISTRY_MAX_URI_BYTES) {
			g_set_error_literal(error, IOT_ERROR, IOT_ERROR_TOO_LARGE, _("The QR code holds more text than a thing's identity."));
			break;
		}
		if (memchr(d, '\0', len) != NULL || !g_utf8_validate(d, (gssize)len, NULL)) {
			g_set_error_literal(error, IOT_ERROR, IOT_ERROR_MALFORMED, _("The QR code does not hold text."));
			break;
		}
		text = g_strndup(d, len);
	}
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(scanner);
	g_free(grey);
	if (text == NULL && error != NULL && *error == NULL)
		g_set_error_literal(error, IOT_ERROR, IOT_ERROR_NOT_FOUND,
		                    _("No readable QR code was found in the picture."));
	return text;
}
