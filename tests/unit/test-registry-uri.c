/* test-registry-uri.c — iotdisco links, IoTDisco strings, tags, masking. */
#include "iot-tests.h"

#include "iot-error.h"
#include "iot-registry.h"

#include <string.h>

/* The XEP-0347 §3.6 example (v0.5.1). */
#define XEP_QR "IoTDisco;SN:394872348732948723;MAN:www.ktc.se;MODEL:IMC;#V:1.2;KEY:4857402340298342"
/* The NF Discovery.md examples. */
#define NF_LINK "iotdisco:SN=98734238472634;MAN=www.example.org;MODEL=Device;#V=1.0;KEY=3453485763440213840928"
#define NF_LINK_R NF_LINK ";R=discovery.example.org"

static void
assert_tag(const IotDiscoId *id, guint i, const char *name, const char *value, gboolean numeric)
{
	const IotRegistryTag *t;

	ck_assert_uint_lt(i, id->tags->len);
	t = g_ptr_array_index(id->tags, i);
	ck_assert_str_eq(t->name, name);
	ck_assert_str_eq(t->value, value);
	ck_assert_int_eq(t->numeric, numeric);
}

static void
assert_refused(const char *text, const char *fragment)
{
	GError *error = NULL;
	IotDiscoId *id = iot_disco_id_parse(text, &error);

	ck_assert_msg(id == NULL, "accepted: %s", text);
	ck_assert_ptr_nonnull(error);
	ck_assert_int_eq(error->domain, IOT_ERROR);
	ck_assert_msg(fragment == NULL || strstr(error->message, fragment) != NULL,
	              "for %s: message '%s' lacks '%s'", text, error->message, fragment);
	g_error_free(error);
}

START_TEST(test_xep_example)
{
	GError *error = NULL;
	IotDiscoId *id = iot_disco_id_parse(XEP_QR, &error);
	char *back;

	ck_assert_ptr_null(error);
	ck_assert(!id->is_link);
	ck_assert(id->has_key);
	ck_assert_ptr_null(id->registry);
	ck_assert_uint_eq(id->tags->len, 5);
	assert_tag(id, 0, "SN", "394872348732948723", FALSE);
	assert_tag(id, 1, "MAN", "www.ktc.se", FALSE);
	assert_tag(id, 3, "V", "1.2", TRUE);
	ck_assert(((IotRegistryTag *)g_ptr_array_index(id->tags, 3))->number == 1.2);
	assert_tag(id, 4, "KEY", "4857402340298342", FALSE);
	back = iot_disco_id_build_qr(id->tags);
	ck_assert_str_eq(back, XEP_QR);
	g_free(back);
	iot_disco_id_free(id);
}
END_TEST

START_TEST(test_nf_examples)
{
	IotDiscoId *id = iot_disco_id_parse(NF_LINK_R, NULL);
	char *back;

	ck_assert(id->is_link);
	ck_assert(id->has_key);
	ck_assert_str_eq(id->registry, "discovery.example.org");
	ck_assert_uint_eq(id->tags->len, 5);
	assert_tag(id, 3, "V", "1.0", TRUE);
	back = iot_disco_id_build_link(id->tags, id->registry);
	ck_assert_str_eq(back, NF_LINK_R);
	g_free(back);
	back = iot_disco_id_build_link(id->tags, NULL);
	ck_assert_str_eq(back, NF_LINK);
	g_free(back);
	iot_disco_id_free(id);

	/* Scheme in any case, white space around a paste, a trailing ';'. */
	id = iot_disco_id_parse("  IOTDISCO:SN=1;KEY=2;\n", NULL);
	ck_assert_uint_eq(id->tags->len, 2);
	iot_disco_id_free(id);
	/* Without KEY: parsed, but not a claim. */
	id = iot_disco_id_parse("iotdisco:MAN=www.example.org;MODEL=Device", NULL);
	ck_assert(!id->has_key);
	iot_disco_id_free(id);
}
END_TEST

START_TEST(test_escapes_round_trip)
{
	GPtrArray *tags = iot_registry_tags_new();
	IotDiscoId *id;
	char *qr, *link;
	const IotRegistryTag *t;

	ck_assert(iot_registry_tags_add(tags, "ROOM", "a;b\\c:d=e%f g#h<i>~", FALSE, NULL));
	ck_assert(iot_registry_tags_add(tags, "NAME", "Küche", FALSE, NULL));
	ck_assert(iot_registry_tags_add(tags, "LAT", "-33.008055", TRUE, NULL));
	qr = iot_disco_id_build_qr(tags);
	ck_assert_str_eq(qr, "IoTDisco;ROOM:a\\;b\\\\c:d=e%f g#h<i>~;NAME:Küche;#LAT:-33.008055");
	id = iot_disco_id_parse(qr, NULL);
	t = iot_registry_tags_find(id->tags, "room");
	ck_assert_str_eq(t->value, "a;b\\c:d=e%f g#h<i>~");
	iot_disco_id_free(id);
	link = iot_disco_id_build_link(tags, "reg.example.org");
	ck_assert_str_eq(link, "iotdisco:ROOM=a%3Bb%5Cc%3Ad%3De%25f%20g%23h%3Ci%3E~;NAME=K%C3%BCche;"
	                       "#LAT=-33.008055;R=reg.example.org");
	id = iot_disco_id_parse(link, NULL);
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "ROOM")->value, "a;b\\c:d=e%f g#h<i>~");
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "NAME")->value, "Küche");
	iot_disco_id_free(id);
	/* In a QR string only the first ':' ends the name. */
	id = iot_disco_id_parse("IoTDisco;PURL:http://example.org/a:b;KEY:1", NULL);
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "PURL")->value, "http://example.org/a:b");
	iot_disco_id_free(id);
	/* The spec's own escape in a link: backslash before ';'. A '%' that
	 * starts no escape stays literal. */
	id = iot_disco_id_parse("iotdisco:ROOM=a\\;b;SN=100%;KEY=x", NULL);
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "ROOM")->value, "a;b");
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "SN")->value, "100%");
	iot_disco_id_free(id);
	g_free(qr);
	g_free(link);
	g_ptr_array_free(tags, TRUE);
}
END_TEST

/* Backslash escapes only and a literal space, as the simulated home's QR codes
 * are written (NF Discovery.md's own rule). */
START_TEST(test_backslash_links)
{
	IotDiscoId *id = iot_disco_id_parse(
		"iotdisco:MAN=home.example;MODEL=Claim-M;SN=CLM-0002;ROOM=Cellar;KEY=k2\\;a\\\\b-5e61f0c9", NULL);

	ck_assert_str_eq(iot_registry_tags_find(id->tags, "KEY")->value, "k2;a\\b-5e61f0c9");
	iot_disco_id_free(id);
	id = iot_disco_id_parse("IoTDisco;MAN:home.example;MODEL:Claim-M;SN:CLM-0002;ROOM:Cellar;"
	                        "KEY:k2\\;a\\\\b-5e61f0c9", NULL);
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "KEY")->value, "k2;a\\b-5e61f0c9");
	iot_disco_id_free(id);
	id = iot_disco_id_parse("iotdisco:MAN=home.example;MODEL=Claim L;SN=CLM-0003;ROOM=Living room;"
	                        "#LAT=55.7047;#LON=13.1910;KEY=3d6f0b8e2c1a4f5e9b7d6c5a4e3f2a1b0c9d8e7f;"
	                        "R=registry.home.example", NULL);
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "MODEL")->value, "Claim L");
	ck_assert_str_eq(iot_registry_tags_find(id->tags, "ROOM")->value, "Living room");
	ck_assert(iot_registry_tags_find(id->tags, "LON")->numeric);
	ck_assert_str_eq(id->registry, "registry.home.example");
	ck_assert_uint_eq(id->tags->len, 7);
	iot_disco_id_free(id);
}
END_TEST

START_TEST(test_hostile_refused_in_words)
{
	char *long_value = g_strnfill(129, 'x'), *text, *many;
	GString *s;
	int i;

	assert_refused("", "neither");
	assert_refused("http://example.org/", "neither");
	assert_refused("iotdisco:", "empty part");
	assert_refused("iotdisco:;SN=1", "empty part");
	assert_refused("iotdisco:SN=1;;KEY=2", "empty part");
	assert_refused("iotdisco:SN", "no value");
	assert_refused("IoTDisco;SN=1", "no value");
	assert_refused("iotdisco:SN=1\\", "escape");
	assert_refused("iotdisco:#V=abc;KEY=1", "not a number");
	assert_refused("iotdisco:#V=inf;KEY=1", "not a number");
	assert_refused("iotdisco:#V=1e999;KEY=1", "not a number");
	assert_refused("iotdisco:#V=0x10;KEY=1", "not a number");
	assert_refused("iotdisco:SN=1;sn=2", "twice");
	assert_refused("iotdisco:SN%20X=1", "may not have");
	assert_refused("IoTDisco;S#N:1", "may not have");
	assert_refused("iotdisco:SN=a%0Ab", "control");
	assert_refused("iotdisco:SN=%FF%FE", "valid text");
	assert_refused("iotdisco:V>=2", "searches");
	assert_refused("iotdisco:SN=1;R=a;R=b", "two registries");
	assert_refused("iotdisco:R=reg.example.org", "no tags");
	/* Found by fuzzing: an empty R was refused without a reason. */
	assert_refused("iotdisco:SN=1;R=", "(R) is empty");
	/* Found by fuzzing: R in a QR string came back as the registry. */
	assert_refused("IoTDisco;R:R44", "no tags");
	text = g_strconcat("iotdisco:SN=", long_value, NULL);
	assert_refused(text, "128");
	g_free(text);
	text = g_strconcat("iotdisco:", long_value, "=1", NULL);
	assert_refused(text, "64");
	g_free(text);
	s = g_string_new("iotdisco:");
	for (i = 0; i < 101; i++)
		g_string_append_printf(s, "%sT%d=1", i ? ";" : "", i);
	many = g_string_free(s, FALSE);
	assert_refused(many, "100");
	g_free(many);
	text = g_strnfill(IOT_REGISTRY_MAX_URI_BYTES + 1, 'a');
	memcpy(text, "iotdisco:", 9);
	assert_refused(text, "too long");
	g_free(text);
	assert_refused("iotdisco:SN=\xC3", "UTF-8");
	/* What a refusal quotes is shown safely: no line break, at most 64 characters. */
	{
		GError *error = NULL;
		char *big = g_strnfill(500, 'n'), *t = g_strconcat("iotdisco:SN=1;", big, NULL);

		ck_assert_ptr_null(iot_disco_id_parse("iotdisco:A%0AB=1", &error));
		ck_assert_ptr_null(strchr(error->message, '\n'));
		ck_assert_ptr_nonnull(strstr(error->message, "A?B"));
		g_clear_error(&error);
		ck_assert_ptr_null(iot_disco_id_parse(t, &error));
		ck_assert_ptr_nonnull(strstr(error->message, "no value"));
		ck_assert_ptr_nonnull(strstr(error->message, "…"));
		ck_assert_uint_lt(strlen(error->message), 200);
		g_clear_error(&error);
		g_free(t);
		g_free(big);
	}
	g_free(long_value);
}
END_TEST

START_TEST(test_masking)
{
	IotDiscoId *id = iot_disco_id_parse(XEP_QR, NULL);
	char *p = iot_registry_tags_preview(id->tags), *m;

	ck_assert_ptr_null(strstr(p, "4857402340298342"));
	ck_assert_ptr_nonnull(strstr(p, "KEY = " IOT_REGISTRY_KEY_MASK));
	ck_assert_ptr_nonnull(strstr(p, "SN = 394872348732948723"));
	ck_assert_ptr_nonnull(strstr(p, "V = 1.2 (number)"));
	g_free(p);
	iot_disco_id_free(id);

	m = iot_disco_id_mask(NF_LINK_R);
	ck_assert_ptr_null(strstr(m, "3453485763440213840928"));
	ck_assert_str_eq(m, "iotdisco:SN=98734238472634;MAN=www.example.org;MODEL=Device;#V=1.0;"
	                    "KEY=" IOT_REGISTRY_KEY_MASK ";R=discovery.example.org");
	g_free(m);
	/* Lower-case key, percent-encoded: masked too. */
	m = iot_disco_id_mask("iotdisco:SN=1;key=s%65cret");
	ck_assert_ptr_null(strstr(m, "secret"));
	ck_assert_ptr_null(strstr(m, "s%65cret"));
	g_free(m);
	m = iot_disco_id_mask("IoTDisco;SN:1;KEY:abc\\;def");
	ck_assert_str_eq(m, "IoTDisco;SN:1;KEY:" IOT_REGISTRY_KEY_MASK);
	g_free(m);
	/* Broken text: nothing of it shown. */
	m = iot_disco_id_mask("iotdisco:KEY=secret;;");
	ck_assert_ptr_null(strstr(m, "secret"));
	g_free(m);
	/* Search links keep their operators. */
	m = iot_disco_id_mask("iotdisco:MAN=www.example.org;SN~*9873*;#V>=1.0;#V<2;#LON<>3");
	ck_assert_str_eq(m, "iotdisco:MAN=www.example.org;SN~*9873*;#V>=1.0;#V<2;#LON<>3");
	g_free(m);
	/* Control characters decoded from a link never reach the screen. */
	m = iot_disco_id_mask("iotdisco:SN=a%0Db");
	ck_assert_str_eq(m, "iotdisco:SN=a?b");
	g_free(m);
}
END_TEST

START_TEST(test_tag_names)
{
	GError *error = NULL;
	IotRegistryTag *t = iot_registry_tag_new("urn_nfi_iot_hi_sensor", "1.0", TRUE, &error);

	ck_assert_ptr_nonnull(t);
	ck_assert(iot_registry_tag_is_key("Key"));
	ck_assert(!iot_registry_tag_is_key("KEYS"));
	iot_registry_tag_free(t);
	ck_assert_ptr_null(iot_registry_tag_new("a:b", "x", FALSE, &error));
	g_clear_error(&error);
	ck_assert_ptr_null(iot_registry_tag_new("", "x", FALSE, &error));
	g_clear_error(&error);
	ck_assert_ptr_null(iot_registry_tag_new("SN", "x", TRUE, &error));
	g_clear_error(&error);
}
END_TEST

Suite *
iot_registry_uri_suite(void)
{
	Suite *s = suite_create("registry-uri");
	TCase *tc = tcase_create("uri");

	tcase_add_test(tc, test_xep_example);
	tcase_add_test(tc, test_nf_examples);
	tcase_add_test(tc, test_escapes_round_trip);
	tcase_add_test(tc, test_backslash_links);
	tcase_add_test(tc, test_hostile_refused_in_words);
	tcase_add_test(tc, test_masking);
	tcase_add_test(tc, test_tag_names);
	suite_add_tcase(s, tc);
	return s;
}
