/*
 * test-alert-question.c — owner questions in the alerts inbox window, from a
 * real inbox of the core: a question entry (severity Question, its icon,
 * "asked 2 times") among alerts; selecting it shows its answer buttons
 * (yes and no for the JID, its domain, everyone, a token's yes) and
 * "Answer with limits…"; a button answers through the ops and the entry
 * leaves; an alert selected shows none. The notice counts questions. PNGs
 * of the window with the buttons and of the notice.
 */
#include "iot-gtk-alert.h"
#include "ui-test-util.h"

#include <string.h>

static IotAlertInbox *inbox;
static IotGtkAlertInbox *win;
static guint64 id_question, id_alarm;
static guint answers, limits, closed, asked_choices;
static guint last_choice;

static const char *const labels[] = { "Yes, for this JID", "Yes, for its whole domain", "Yes, for everyone",
	                              "Yes, for its user token", "No, for this JID", "No, for its whole domain",
	                              "No, for everyone" };

static guint64
add(IotAlertSeverity sev, const char *thing, const char *text, const char *key, guint count, gint64 at)
{
	IotAlert *a = iot_alert_new();
	guint64 id = 0;

	iot_alert_set_source(a, "alice@home.example", thing, NULL, NULL);
	iot_alert_set_text(a, text, -1);
	a->severity = sev;
	a->count = count;
	if (key != NULL)
		iot_alert_set_question(a, key);
	iot_alert_inbox_add(inbox, a, NULL, at, &id);
	iot_alert_free(a);
	return id;
}

static void
push(void)
{
	GPtrArray *list = iot_alert_inbox_list(inbox, &(IotAlertFilter){ .states = (1u << IOT_ALERT_STATE_COUNT) - 1 });

	iot_gtk_alert_inbox_set_alerts(win, list);
	g_ptr_array_unref(list);
	iot_gtk_alert_inbox_flush(win);
}

static GPtrArray *
op_choices(IotGtkAlertInbox *w, guint64 id, gpointer data)
{
	GPtrArray *out;
	guint i;

	asked_choices++;
	if (iot_alert_inbox_get(inbox, id) == NULL)
		return NULL;
	out = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < G_N_ELEMENTS(labels); i++)
		g_ptr_array_add(out, g_strdup(labels[i]));
	return out;
}

static void
op_answer(IotGtkAlertInbox *w, guint64 id, guint choice, gpointer data)
{
	answers++;
	last_choice = choice;
	/* The adapter takes the question: its entry goes. */
	iot_alert_inbox_remove(inbox, id);
	push();
}

static void
op_limits(IotGtkAlertInbox *w, guint64 id, gpointer data)
{
	limits++;
}

static void
op_closed(IotGtkAlertInbox *w, gpointer data)
{
	closed++;
}

static char *
op_name(const char *account, const char *thing, gpointer data)
{
	return strcmp(thing, "thermo@home.example") == 0 ? g_strdup("Thermostat") : NULL;
}

static const IotGtkAlertOps ops = {
	.display_name = op_name,
	.on_closed = op_closed,
	.question_choices = op_choices,
	.answer = op_answer,
	.answer_with_limits = op_limits,
};

static void
setup(void)
{
	gint64 now = g_get_real_time();

	answers = limits = closed = asked_choices = 0;
	inbox = iot_alert_inbox_new(NULL);
	add(IOT_ALERT_WARNING, "thermo@home.example", "temperature is 31.5 (> 30)", NULL, 1, now - 40 * IOT_ALERT_MINUTE);
	id_alarm = add(IOT_ALERT_ALARM, "door@home.example", "Door opened", NULL, 1, now - 30 * IOT_ALERT_MINUTE);
	id_question = add(IOT_ALERT_QUESTION, "thermo@home.example",
	                  "May bob@example.org read thermo@home.example (Temperature, Humidity)? (asked 2 times)",
	                  "5f0c3e", 2, now - 5 * IOT_ALERT_MINUTE);
	win = iot_gtk_alert_inbox_new(&ops, NULL);
	gtk_window_set_default_size(GTK_WINDOW(iot_gtk_alert_inbox_get_window(win)), 980, 560);
	push();
}

static void
teardown(void)
{
	iot_gtk_alert_inbox_destroy(win);
	ck_assert_uint_eq(closed, 1);
	iot_alert_inbox_free(inbox);
}

START_TEST(test_question_row_and_buttons)
{
	GtkWidget *w = iot_gtk_alert_inbox_get_window(win), *box = iot_gtk_alert_inbox_get_question_box(win);
	guint i;

	ui_test_show_and_wait(w, 200);
	/* nothing selected: no buttons */
	ck_assert(!gtk_widget_get_visible(box));
	ck_assert(iot_gtk_alert_inbox_select(win, id_question, FALSE));
	ui_test_run_ms(50);
	ck_assert(gtk_widget_get_visible(box));
	for (i = 0; i < G_N_ELEMENTS(labels); i++) {
		GtkWidget *b = iot_gtk_alert_inbox_get_answer_button(win, i);

		ck_assert_msg(b != NULL, "no button %u", i);
		ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(b)), labels[i]);
		ck_assert(gtk_widget_get_visible(b));
	}
	ck_assert_ptr_null(iot_gtk_alert_inbox_get_answer_button(win, G_N_ELEMENTS(labels)));
	ck_assert_str_eq(gtk_button_get_label(GTK_BUTTON(iot_gtk_alert_inbox_get_limits_button(win))),
	                 "Answer with limits…");
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), "Question"));
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), "Asked "));
	ck_assert_ptr_nonnull(strstr(iot_gtk_alert_inbox_get_details(win), "(asked 2 times)"));
	/* selecting it again does not rebuild them */
	ck_assert_uint_eq(asked_choices, 1);
	ui_test_save_png(w, "alert-inbox-question.png");
	/* an alarm selected: the buttons go */
	ck_assert(iot_gtk_alert_inbox_select(win, id_alarm, FALSE));
	ui_test_run_ms(50);
	ck_assert(!gtk_widget_get_visible(box));
	/* several selected: none either */
	ck_assert(iot_gtk_alert_inbox_select(win, id_question, TRUE));
	ui_test_run_ms(50);
	ck_assert(!gtk_widget_get_visible(box));
}
END_TEST

START_TEST(test_question_answered_from_a_button)
{
	GtkWidget *w = iot_gtk_alert_inbox_get_window(win);

	ui_test_show_and_wait(w, 100);
	ck_assert(iot_gtk_alert_inbox_select(win, id_question, FALSE));
	ui_test_run_ms(50);
	gtk_button_clicked(GTK_BUTTON(iot_gtk_alert_inbox_get_limits_button(win)));
	ck_assert_uint_eq(limits, 1);
	ck_assert_uint_eq(answers, 0);
	gtk_button_clicked(GTK_BUTTON(iot_gtk_alert_inbox_get_answer_button(win, 1)));
	ck_assert_uint_eq(answers, 1);
	ck_assert_uint_eq(last_choice, 1);
	/* answered: the entry and its buttons are gone */
	ck_assert(!iot_gtk_alert_inbox_select(win, id_question, FALSE));
	ui_test_run_ms(50);
	ck_assert(!gtk_widget_get_visible(iot_gtk_alert_inbox_get_question_box(win)));
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 2);
}
END_TEST

START_TEST(test_question_severity_filter_and_icon)
{
	GtkTreeModel *m = iot_gtk_alert_inbox_get_model(win);
	GtkTreeIter iter, child;
	gboolean ok, ok2;
	guint found = 0;

	gtk_combo_box_set_active(iot_gtk_alert_inbox_get_severity_filter(win), 1 + IOT_ALERT_QUESTION);
	iot_gtk_alert_inbox_flush(win);
	ck_assert_uint_eq(iot_gtk_alert_inbox_count_rows(win), 1);
	for (ok = gtk_tree_model_get_iter_first(m, &iter); ok; ok = gtk_tree_model_iter_next(m, &iter))
		for (ok2 = gtk_tree_model_iter_children(m, &child, &iter); ok2; ok2 = gtk_tree_model_iter_next(m, &child)) {
			char *icon, *sev, *text;

			gtk_tree_model_get(m, &child, IOT_GTK_ALERT_COL_ICON, &icon, IOT_GTK_ALERT_COL_SEVERITY, &sev,
			                   IOT_GTK_ALERT_COL_TEXT, &text, -1);
			ck_assert_str_eq(icon, GTK_STOCK_DIALOG_QUESTION);
			ck_assert_str_eq(sev, "Question");
			/* the text says how often; no "(×2)" on top */
			ck_assert_ptr_null(strstr(text, "×"));
			found++;
			g_free(icon);
			g_free(sev);
			g_free(text);
		}
	ck_assert_uint_eq(found, 1);
}
END_TEST

START_TEST(test_notice_counts_questions)
{
	IotGtkAlertNotice *n = iot_gtk_alert_notice_new(NULL, NULL);
	GtkWidget *w = iot_gtk_alert_notice_get_window(n);

	iot_gtk_alert_notice_set_questions(n, 1);
	iot_gtk_alert_notice_show(n, iot_alert_inbox_get(inbox, id_question), "Thermostat", 3);
	ck_assert_str_eq(iot_gtk_alert_notice_get_title(n), "2 unread alerts, 1 question to answer");
	ck_assert_str_eq(iot_gtk_alert_notice_get_text(n),
	                 "May bob@example.org read thermo@home.example (Temperature, Humidity)? (asked 2 times)");
	ui_test_show_and_wait(w, 200);
	ui_test_save_png(w, "alert-notice-question.png");
	iot_gtk_alert_notice_set_unread(n, 1);
	ck_assert_str_eq(iot_gtk_alert_notice_get_title(n), "1 question to answer");
	iot_gtk_alert_notice_set_questions(n, 0);
	iot_gtk_alert_notice_set_unread(n, 2);
	ck_assert_str_eq(iot_gtk_alert_notice_get_title(n), "2 unread alerts");
	iot_gtk_alert_notice_destroy(n);
}
END_TEST

int
main(int argc, char **argv)
{
	Suite *s = suite_create("alert-question-window");
	TCase *tc = tcase_create("inbox");

	ui_test_init(&argc, &argv);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_question_row_and_buttons);
	tcase_add_test(tc, test_question_answered_from_a_button);
	tcase_add_test(tc, test_question_severity_filter_and_icon);
	tcase_add_test(tc, test_notice_counts_questions);
	suite_add_tcase(s, tc);
	return ui_test_run_suite(s);
}
