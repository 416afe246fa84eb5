# XMPP IoT for Pidgin — plain GNU make.
#   make            build build/pidgin-xmpp-iot.so and build/xmpp-iot.so
#   make check      install what the tests need, then run every test
#   make demo       a private server + simulated home + Pidgin (headless without $DISPLAY)
#   make install / install-user / uninstall, make pot / update-po, make fuzz, make bench

CC ?= cc
PKG_CONFIG ?= pkg-config
XGETTEXT ?= xgettext
MSGFMT ?= msgfmt
MSGMERGE ?= msgmerge
PYTHON ?= /usr/bin/python3
CFLAGS ?= -O2 -g
BUILD ?= build

PACKAGE := pidgin-xmpp-iot
VERSION := 0.1.0
GETTEXT_PACKAGE := $(PACKAGE)

WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wshadow \
        -Wformat=2 -Wno-format-nonliteral -Wstrict-prototypes
DEFS := -DPURPLE_PLUGINS -DGETTEXT_PACKAGE='"$(GETTEXT_PACKAGE)"' -DIOT_VERSION='"$(VERSION)"'

PURPLE_PLUGINDIR ?= $(shell $(PKG_CONFIG) --variable=plugindir purple 2>/dev/null)
PIDGIN_PLUGINDIR ?= $(shell $(PKG_CONFIG) --variable=plugindir pidgin 2>/dev/null)
PURPLE_DATADIR ?= $(shell $(PKG_CONFIG) --variable=datadir purple 2>/dev/null)
LOCALEDIR ?= $(PURPLE_DATADIR)/locale
USER_PLUGINDIR ?= $(HOME)/.purple/plugins

# Per-layer flags: the core sees only GLib, libxml2 and SQLite, so an
# accidental purple or GTK include fails to compile.
CORE_CFLAGS := $(shell $(PKG_CONFIG) --cflags glib-2.0 libxml-2.0 sqlite3 2>/dev/null)
CORE_LIBS := $(shell $(PKG_CONFIG) --libs glib-2.0 libxml-2.0 sqlite3 2>/dev/null) -lm
PURPLE_CFLAGS := $(shell $(PKG_CONFIG) --cflags purple glib-2.0 libxml-2.0 sqlite3 zbar libpng libjpeg 2>/dev/null)
PURPLE_LIBS := $(shell $(PKG_CONFIG) --libs purple glib-2.0 libxml-2.0 sqlite3 zbar libpng libjpeg 2>/dev/null) -lm
UI_CFLAGS := $(shell $(PKG_CONFIG) --cflags pidgin purple gtk+-2.0 libxml-2.0 sqlite3 2>/dev/null)
UI_LIBS := $(shell $(PKG_CONFIG) --libs pidgin purple gtk+-2.0 libxml-2.0 sqlite3 zbar libpng libjpeg 2>/dev/null) -lm
GMODULE_LIBS := $(shell $(PKG_CONFIG) --libs gmodule-2.0 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

ALL_CFLAGS = $(CFLAGS) $(WARN) $(DEFS) -fPIC -MMD -MP $(SAN_CFLAGS)
LDSAN = $(SAN_LDFLAGS)

CORE_SRC := $(wildcard plugin/core/*.c)
PURPLE_SRC := $(filter-out plugin/purple/iot-purple-entry.c,$(wildcard plugin/purple/*.c))
UI_SRC := $(wildcard ui/*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
PURPLE_OBJ := $(PURPLE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ := $(UI_SRC:%.c=$(BUILD)/%.o)

UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
INTEG_SRC := $(wildcard tests/integration/*.c)

CORE_LIB := $(BUILD)/libiot-core.a
PURPLE_PLUGIN := $(BUILD)/xmpp-iot.so
PIDGIN_PLUGIN := $(BUILD)/pidgin-xmpp-iot.so
UNIT_RUNNER := $(BUILD)/tests/check-core
INTEG_RUNNER := $(BUILD)/tests/check-integration
DEMO_HEADLESS := $(BUILD)/iot-demo-headless

.PHONY: bench bench-run bench-alert-run demo-run check-demo check-po check-fuzz check-valgrind all check check-run check-build check-windows-stress check-ui-windows check-ui-pidgin check-ui-finch check-sim $(INTEG_SUITES:%=check-integration-%) check-valgrind $(INTEG_SUITES:%=check-valgrind-%) $(INTEG_SUITES:%=check-asan-%) check-unit check-stress check-integration check-integration-ejabberd check-ui check-windows demo install install-user \
        uninstall pot update-po mo clean deps fuzz bench check-asan
all: $(PIDGIN_PLUGIN) $(PURPLE_PLUGIN) mo

deps:
	@tools/install-deps.sh

# --- objects -----------------------------------------------------------------
$(BUILD)/plugin/core/%.o: plugin/core/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -c -o $@ $<

$(BUILD)/plugin/purple/%.o: plugin/purple/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) -Iplugin/core -DLOCALEDIR='"$(LOCALEDIR)"' -c -o $@ $<

# GTK 2's own headers trip -Wstrict-prototypes and deprecation warnings.
$(BUILD)/ui/%.o: ui/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-strict-prototypes -Wno-deprecated-declarations $(UI_CFLAGS) -Iplugin/core -Iplugin/purple -DLOCALEDIR='"$(LOCALEDIR)"' -c -o $@ $<

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(CHECK_CFLAGS) -Iplugin/core \
	  -DIOT_TEST_FIXTURES='"$(CURDIR)/tests/fixtures"' -c -o $@ $<

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(PURPLE_PLUGIN): $(CORE_LIB) $(PURPLE_OBJ) $(BUILD)/plugin/purple/iot-purple-entry.o
	$(CC) -shared $(LDFLAGS) $(LDSAN) -o $@ $(PURPLE_OBJ) $(BUILD)/plugin/purple/iot-purple-entry.o \
	  $(CORE_LIB) $(PURPLE_LIBS)

$(PIDGIN_PLUGIN): $(CORE_LIB) $(PURPLE_OBJ) $(UI_OBJ)
	$(CC) -shared $(LDFLAGS) $(LDSAN) -o $@ $(PURPLE_OBJ) $(UI_OBJ) $(CORE_LIB) $(UI_LIBS)

$(UNIT_RUNNER): $(UNIT_OBJ) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(LDSAN) -o $@ $(UNIT_OBJ) $(CORE_LIB) $(CORE_LIBS) $(CHECK_LIBS)

# Linked with the core to read the files the plugin writes (histories).
$(INTEG_RUNNER): $(INTEG_SRC) $(wildcard tests/integration/*.h) $(PURPLE_PLUGIN) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) $(CHECK_CFLAGS) -Iplugin/core $(LDFLAGS) $(LDSAN) -o $@ \
	  $(INTEG_SRC) $(CORE_LIB) $(PURPLE_LIBS) $(GMODULE_LIBS) $(CHECK_LIBS)

$(DEMO_HEADLESS): tools/demo-headless.c tests/integration/client.c tests/integration/client.h
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) $(CHECK_CFLAGS) -Itests/integration $(LDFLAGS) -o $@ \
	  tools/demo-headless.c tests/integration/client.c $(PURPLE_LIBS) $(GMODULE_LIBS) $(CHECK_LIBS)

# --- tests -------------------------------------------------------------------
# `check` first installs what it needs, then re-reads this Makefile so that
# pkg-config sees the freshly installed libraries.
check:
	@tools/install-deps.sh
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) check-build
	@$(MAKE) --no-print-directory check-run

# Everything the tests run, built side by side first.
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check-build: all $(UNIT_RUNNER) $(STRESS_STORE) $(INTEG_RUNNER) $(WINDOW_TESTS) $(WINDOW_STRESS) $(FUZZ_BIN) \
  $(DEMO_HEADLESS)

# What measures the main loop or the clock runs alone, one after another;
# then the suites that mostly wait for servers, peers and windows run side by
# side (each has its own server, display and temporary home), their output
# kept together per suite.
check-run:
	@$(MAKE) --no-print-directory check-po check-unit check-stress check-windows-stress
	@$(MAKE) --no-print-directory -j$(CHECK_SIDE_BY_SIDE) --output-sync=target check-valgrind \
	  check-integration check-integration-ejabberd check-ui check-demo check-fuzz
# valgrind's runs are the longest: listed first, they start first.
CHECK_SIDE_BY_SIDE ?= 8

check-po:
	tools/check-po.sh

check-unit: $(UNIT_RUNNER)
	CK_DEFAULT_TIMEOUT=60 $(UNIT_RUNNER)

# The main loop while 200 series update every second on a month of history
# (generated first, about 10 s; then 20 s measured).
STRESS_STORE := $(BUILD)/tests/stress-store
$(STRESS_STORE): tests/stress/stress-store.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -Iplugin/core $(LDFLAGS) $(LDSAN) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

check-stress: $(STRESS_STORE)
	$(STRESS_STORE) $(BUILD)/tests/stress 20

# The simulated home checks itself first: a test of the plugin is only as
# good as the things it talks to. Then the runner's suites run side by side
# (make -j), each against a home and a server of its own.
INTEG_SUITES := integration concentrator alert pubsub registry
check-integration: $(INTEG_SUITES:%=check-integration-%)

check-sim:
	tests/testenv.sh run $(PYTHON) tests/sim/check_home.py

$(INTEG_SUITES:%=check-integration-%): check-integration-%: check-sim $(INTEG_RUNNER) $(PURPLE_PLUGIN)
	CK_RUN_SUITE=$* IOT_PLUGIN=$(CURDIR)/$(PURPLE_PLUGIN) tests/testenv.sh run $(INTEG_RUNNER)

# The same home on ejabberd 23.01, a server that delivers and types pubsub events
# differently (and knows pending subscriptions): the pubsub things and the registry with
# the provisioning service (XEP-0114 components, one port each there) check themselves,
# then the runner's suite "pubsub" runs (a run of the runner without it runs nothing).
check-integration-ejabberd: $(INTEG_RUNNER) $(PURPLE_PLUGIN)
	tests/testenv.sh --server ejabberd run sh -c '$(PYTHON) tests/sim/check_pubsub.py && $(PYTHON) tests/sim/check_registry.py'
	CK_RUN_SUITE=pubsub IOT_PLUGIN=$(CURDIR)/$(PURPLE_PLUGIN) tests/testenv.sh --server ejabberd run $(INTEG_RUNNER)

# --- window tests: the GTK windows without Pidgin, under Xvfb ---------------------
GTK_CFLAGS := $(shell $(PKG_CONFIG) --cflags gtk+-2.0 2>/dev/null)
GTK_LIBS := $(shell $(PKG_CONFIG) --libs gtk+-2.0 2>/dev/null)
PLOT_SRC := ui/iot-gtk-plot.c ui/iot-gtk-plot-input.c ui/iot-gtk-plot-layout.c \
            ui/iot-gtk-plot-axis.c ui/iot-gtk-plot-draw.c ui/iot-gtk-plot-source.c \
            ui/iot-gtk-plot-source-history.c
WINDOW_SRC := ui/iot-gtk-readout.c ui/iot-gtk-readout-rows.c ui/iot-gtk-readout-columns.c \
              ui/iot-gtk-readout-status.c ui/iot-gtk-readout-export.c ui/iot-gtk-readout-plot.c \
              ui/iot-gtk-readout-export-dialog.c ui/iot-gtk-readout-export-job.c \
              ui/iot-gtk-sparkline.c $(PLOT_SRC)
CONTROL_WINDOW_SRC := ui/iot-gtk-control.c ui/iot-gtk-control-form.c ui/iot-gtk-control-fields.c \
                      ui/iot-gtk-control-layout.c ui/iot-gtk-control-values.c
CONTROLLOG_WINDOW_SRC := ui/iot-gtk-controllog.c
# The concentrator window opens its forms in the control dialog.
CONC_WINDOW_SRC := $(wildcard ui/iot-gtk-concentrator*.c) $(CONTROL_WINDOW_SRC)
CONC_TEST_FAKE := tests/ui/test-concentrator-fake.c tests/ui/test-concentrator-fake.h \
                  tests/ui/test-concentrator-fake-answer.c tests/ui/test-concentrator-fake-private.h \
                  tests/ui/test-concentrator-util.c tests/ui/test-concentrator-util.h
# The Publish-subscribe window opens forms in the control dialog; the
# Published data window is the readout window with the items below.
PUBSUB_WINDOW_SRC := $(wildcard ui/iot-gtk-pubsub*.c) ui/iot-gtk-published.c $(WINDOW_SRC) \
                     $(CONTROL_WINDOW_SRC)
PUBSUB_TEST_FAKE := tests/ui/test-pubsub-fake.c tests/ui/test-pubsub-fake.h
WINDOW_TESTS := $(BUILD)/tests/test-readout-window $(BUILD)/tests/test-control-dialog \
                $(BUILD)/tests/test-controllog-window $(BUILD)/tests/test-plot \
                $(BUILD)/tests/test-readout-plot $(BUILD)/tests/test-concentrator-window \
                $(BUILD)/tests/test-concentrator-actions $(BUILD)/tests/test-history-export \
                $(BUILD)/tests/test-pubsub-window \
                $(BUILD)/tests/test-pubsub-published $(BUILD)/tests/test-registry-window \
                $(BUILD)/tests/test-alert-window $(BUILD)/tests/test-alert-rules \
                $(BUILD)/tests/test-alert-question
# What the window tests share: main loop, drawing, PNGs, the check runner.
UI_TEST_UTIL := tests/ui/ui-test-util.c

# Compiled with GTK's flags only, not Pidgin's or libpurple's: a pidgin_* or
# purple_* call in the window code fails to build here. Each file is compiled
# once into $(WT) and linked into every test that needs it.
WT := $(BUILD)/wt
wt_obj = $(patsubst %.c,$(WT)/%.o,$(filter %.c,$(1)))
$(WT)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-strict-prototypes -Wno-deprecated-declarations $(GTK_CFLAGS) \
	  $(CORE_CFLAGS) $(CHECK_CFLAGS) -Iplugin/core -Iui -Itests/ui \
	  -DIOT_TEST_FIXTURES='"$(CURDIR)/tests/fixtures"' -c -o $@ $<
WINDOW_LINK = mkdir -p $(@D) && $(CC) $(LDFLAGS) $(LDSAN) -o $@ $(filter %.o,$^) $(CORE_LIB) $(GTK_LIBS) $(CORE_LIBS) $(CHECK_LIBS)

# The sensor-data window: its table, its updates and status, what it gives out.
READOUT_TESTS := tests/ui/test-readout-window.c tests/ui/test-readout-table.c \
                 tests/ui/test-readout-updates.c tests/ui/test-readout-export.c
$(BUILD)/tests/test-readout-window: $(call wt_obj,$(READOUT_TESTS) $(UI_TEST_UTIL) $(WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

# The plot and the readout window's plot, fed by a fixture source.
PLOT_FIXTURE := tests/ui/plot-fixture.c
$(BUILD)/tests/test-plot: $(call wt_obj,tests/ui/test-plot.c tests/ui/test-plot-source.c $(PLOT_FIXTURE) \
                          $(UI_TEST_UTIL) $(PLOT_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

$(BUILD)/tests/test-readout-plot: $(call wt_obj,tests/ui/test-readout-plot.c $(PLOT_FIXTURE) $(UI_TEST_UTIL) \
                                  $(WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

# "Export history…" against a store of fixtures (a temporary database).
$(BUILD)/tests/test-history-export: $(call wt_obj,tests/ui/test-history-export.c $(UI_TEST_UTIL) $(WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

$(BUILD)/tests/test-readout-stress: $(call wt_obj,tests/ui/test-readout-stress.c $(WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

# The control dialog: what it shows, and its checking and sending.
CONTROL_TESTS := tests/ui/test-control-dialog.c tests/ui/test-control-layout.c tests/ui/test-control-send.c
$(BUILD)/tests/test-control-dialog: $(call wt_obj,$(CONTROL_TESTS) $(UI_TEST_UTIL) \
                                    $(CONTROL_WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

$(BUILD)/tests/test-controllog-window: $(call wt_obj,tests/ui/test-controllog-window.c $(UI_TEST_UTIL) \
                                       $(CONTROLLOG_WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

# A concentrator of 11,101 nodes behind the window (the fake of the test above).
$(BUILD)/tests/test-concentrator-window $(BUILD)/tests/test-concentrator-actions \
$(BUILD)/tests/test-concentrator-stress: \
  $(BUILD)/tests/test-concentrator-%: $(WT)/tests/ui/test-concentrator-%.o \
                                      $(call wt_obj,$(CONC_TEST_FAKE) $(UI_TEST_UTIL) $(CONC_WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

# Publish-subscribe: the browser (against the fixture service of
# test-pubsub-fake.c), the Published data window and the approval dialog, and
# a storm of items into the Published data window.
$(BUILD)/tests/test-pubsub-window $(BUILD)/tests/test-pubsub-published $(BUILD)/tests/test-pubsub-stress: \
  $(BUILD)/tests/test-pubsub-%: $(WT)/tests/ui/test-pubsub-%.o \
                                $(call wt_obj,$(PUBSUB_TEST_FAKE) $(UI_TEST_UTIL) $(PUBSUB_WINDOW_SRC)) $(CORE_LIB)
	$(WINDOW_LINK)

# Owning things: claim, My things, search and the question dialog, in
# front of the fixture home inside the test.
REGISTRY_WINDOW_SRC := $(wildcard ui/iot-gtk-registry*.c)
$(BUILD)/tests/test-registry-window: $(call wt_obj,tests/ui/test-registry-window.c tests/ui/test-registry-mask.c \
                                     $(UI_TEST_UTIL) $(REGISTRY_WINDOW_SRC)) $(wildcard tests/fixtures/registry/*) $(CORE_LIB)
	$(WINDOW_LINK)

# The alerts inbox, the notice, the rules dialog and a buddy list's alert
# markup, from a real inbox of the core; the stress test storms it.
ALERT_WINDOW_SRC := $(wildcard ui/iot-gtk-alert*.c)
$(BUILD)/tests/test-alert-window $(BUILD)/tests/test-alert-rules $(BUILD)/tests/test-alert-stress \
$(BUILD)/tests/test-alert-question: \
  $(BUILD)/tests/test-alert-%: $(WT)/tests/ui/test-alert-%.o $(call wt_obj,$(UI_TEST_UTIL) $(ALERT_WINDOW_SRC)) \
                               $(CORE_LIB)
	$(WINDOW_LINK)

WINDOW_STRESS := $(BUILD)/tests/test-readout-stress $(BUILD)/tests/test-concentrator-stress \
                 $(BUILD)/tests/test-pubsub-stress $(BUILD)/tests/test-alert-stress

# The windows alone (no Pidgin, no Finch): faster than check-ui while working on them.
check-windows: $(WINDOW_TESTS) $(WINDOW_STRESS)
	tests/ui/window-tests.sh $(BUILD) $(BUILD)/artifacts

# The main loop of the windows under a storm: alone on the machine.
check-windows-stress: $(WINDOW_STRESS)
	tests/ui/window-tests.sh $(BUILD) $(BUILD)/artifacts stress

# The windows, real Pidgin and real Finch: side by side with make -j (each
# has its own display or terminal, server and home).
check-ui: check-ui-windows check-ui-pidgin check-ui-finch

check-ui-windows: $(WINDOW_TESTS)
	tests/ui/window-tests.sh $(BUILD) $(BUILD)/artifacts windows

check-ui-pidgin: $(PIDGIN_PLUGIN)
	tests/ui/pidgin-smoke.sh $(CURDIR)/$(PIDGIN_PLUGIN) $(BUILD)/artifacts

check-ui-finch: $(PURPLE_PLUGIN)
	tests/ui/finch-smoke.sh $(CURDIR)/$(PURPLE_PLUGIN) $(BUILD)/artifacts

# Installs first, then re-reads this Makefile (pkg-config must see the libraries).
demo:
	@tools/install-deps.sh
	@$(MAKE) --no-print-directory demo-run

demo-run: all $(DEMO_HEADLESS)
	tools/demo.sh $(BUILD)

# The headless demo, run and checked: each command shows its own answer, each
# capability what the demo promises.
check-demo: all $(DEMO_HEADLESS)
	tools/check-demo.sh $(BUILD)

# --- install -----------------------------------------------------------------
install: all
	install -Dm0644 $(PIDGIN_PLUGIN) $(DESTDIR)$(PIDGIN_PLUGINDIR)/$(notdir $(PIDGIN_PLUGIN))
	install -Dm0644 $(PURPLE_PLUGIN) $(DESTDIR)$(PURPLE_PLUGINDIR)/$(notdir $(PURPLE_PLUGIN))
	@for mo in $(MO_FILES); do lang=$$(basename $$mo .mo); \
	  echo install -Dm0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/$(GETTEXT_PACKAGE).mo; \
	  install -Dm0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/$(GETTEXT_PACKAGE).mo; done

# Only the Pidgin flavour: ~/.purple/plugins is searched by Pidgin and Finch
# alike, and the first file of a name wins.
install-user: all
	install -Dm0644 $(PIDGIN_PLUGIN) $(USER_PLUGINDIR)/$(notdir $(PIDGIN_PLUGIN))
	@for mo in $(MO_FILES); do lang=$$(basename $$mo .mo); \
	  install -Dm0644 $$mo $(HOME)/.purple/locale/$$lang/LC_MESSAGES/$(GETTEXT_PACKAGE).mo; done

uninstall:
	rm -f $(DESTDIR)$(PIDGIN_PLUGINDIR)/$(notdir $(PIDGIN_PLUGIN)) \
	      $(DESTDIR)$(PURPLE_PLUGINDIR)/$(notdir $(PURPLE_PLUGIN)) \
	      $(USER_PLUGINDIR)/$(notdir $(PIDGIN_PLUGIN))
	rm -f $(foreach l,$(LINGUAS),$(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/$(GETTEXT_PACKAGE).mo)

# --- translations ------------------------------------------------------------
LINGUAS := $(shell cat po/LINGUAS 2>/dev/null)
MO_FILES := $(LINGUAS:%=$(BUILD)/po/%.mo)
mo: $(MO_FILES)
$(BUILD)/po/%.mo: po/%.po
	@mkdir -p $(@D)
	$(MSGFMT) --check -o $@ $<

pot:
	$(XGETTEXT) --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 \
	  --keyword=g_dngettext:2,3 --add-comments=TRANSLATORS: --package-name=$(PACKAGE) \
	  --package-version=$(VERSION) --msgid-bugs-address= \
	  --files-from=po/POTFILES.in -o po/$(PACKAGE).pot

update-po: pot
	@for l in $(LINGUAS); do $(MSGMERGE) --update --backup=none po/$$l.po po/$(PACKAGE).pot; done

# --- robustness ----------------------------------------------------------------
# libFuzzer targets: one per parser, built with clang from the same core sources.
CLANG ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_SAN := address,undefined -fno-sanitize-recover=undefined
FUZZ_FLAGS := -g -O1 $(DEFS) -Iplugin/core $(CORE_CFLAGS)
# The core is compiled once (instrumented, without libFuzzer's main) and
# every target links it: compiling it again per target took minutes.
FUZZ_CORE_OBJ := $(CORE_SRC:%.c=build-fuzz/obj/%.o)
FUZZ_CORE_LIB := build-fuzz/libiot-core-fuzz.a

build-fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -MMD -MP -c -o $@ $<

$(FUZZ_CORE_LIB): $(FUZZ_CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

build-fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_CORE_LIB)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -MMD -MP -o $@ $< $(FUZZ_CORE_LIB) $(CORE_LIBS)

-include $(FUZZ_CORE_OBJ:.o=.d) $(FUZZ_BIN:=.d)

fuzz: $(FUZZ_BIN)
	tools/fuzz.sh build-fuzz $(FUZZ_SECONDS)

# A short run of every target in `make check`; `make fuzz` runs longer.
check-fuzz: $(FUZZ_BIN)
	tools/fuzz.sh build-fuzz $(or $(CHECK_FUZZ_SECONDS),3)

# The unit and integration suites under AddressSanitizer + UBSan. libpurple
# itself is not instrumented and keeps memory until exit, so leak checking is
# on for the core's unit suite and left to valgrind for the integration run.
# GCC's "undefined" leaves out float-cast-overflow (a device's huge number
# converted to an integer): it is asked for by name.
ASAN_FLAGS := -fsanitize=address,undefined,float-cast-overflow \
              -fno-sanitize-recover=undefined,float-cast-overflow -fno-omit-frame-pointer
check-asan:
	@tools/install-deps.sh
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) BUILD=build-asan CFLAGS="-O1 -g" SAN_CFLAGS="$(ASAN_FLAGS)" \
	  SAN_LDFLAGS="$(ASAN_FLAGS)" build-asan/tests/check-core build-asan/tests/check-integration \
	  build-asan/xmpp-iot.so
	UBSAN_OPTIONS=print_stacktrace=1 build-asan/tests/check-core
	@$(MAKE) --no-print-directory -j$(CHECK_SIDE_BY_SIDE) --output-sync=target $(INTEG_SUITES:%=check-asan-%)

$(INTEG_SUITES:%=check-asan-%): check-asan-%:
	CK_RUN_SUITE=$* ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  IOT_PLUGIN=$(CURDIR)/build-asan/xmpp-iot.so tests/testenv.sh run build-asan/tests/check-integration

# valgrind memcheck of the integration suites: no definite leak and no
# invalid access from our code. Each suite on its own (side by side with make -j).
check-valgrind: $(INTEG_SUITES:%=check-valgrind-%)

$(INTEG_SUITES:%=check-valgrind-%): check-valgrind-%: $(INTEG_RUNNER) $(PURPLE_PLUGIN)
	CK_RUN_SUITE=$* IOT_PLUGIN=$(CURDIR)/$(PURPLE_PLUGIN) IOT_VALGRIND=1 tests/testenv.sh run \
	  tools/valgrind-check.sh $(BUILD) $(INTEG_RUNNER) $*

# --- performance -----------------------------------------------------------------
$(BUILD)/bench-parse: tools/bench/bench-parse.c $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -Iplugin/core $(LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

$(BUILD)/bench-store: tools/bench/bench-store.c $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -Iplugin/core $(LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

$(BUILD)/bench-e2e: tools/bench/bench-e2e.c tests/integration/client.c tests/integration/client.h
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) -Itests/integration $(LDFLAGS) -o $@ \
	  tools/bench/bench-e2e.c tests/integration/client.c $(PURPLE_LIBS)

# Calls the adapter in the loaded plugin; fills the core's tree model.
$(BUILD)/bench-concentrator: tools/bench/bench-concentrator.c tests/integration/client.c tests/integration/client.h $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) -Itests/integration -Iplugin/core -Iplugin/purple $(LDFLAGS) -o $@ \
	  tools/bench/bench-concentrator.c tests/integration/client.c $(CORE_LIB) $(PURPLE_LIBS) $(GMODULE_LIBS) $(CORE_LIBS)

# An event storm through the stream into a watch of the adapter in the loaded plugin.
$(BUILD)/bench-pubsub: tools/bench/bench-pubsub.c tests/integration/client.c tests/integration/client.h $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) -Itests/integration -Iplugin/core -Iplugin/purple $(LDFLAGS) -o $@ \
	  tools/bench/bench-pubsub.c tests/integration/client.c $(CORE_LIB) $(PURPLE_LIBS) $(GMODULE_LIBS) $(CORE_LIBS)

$(BUILD)/bench-caps: tools/bench/bench-caps.c tests/integration/client.c tests/integration/client.h
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) -Itests/integration $(LDFLAGS) -o $@ \
	  tools/bench/bench-caps.c tests/integration/client.c $(PURPLE_LIBS)

$(BUILD)/bench-caps-cache: tools/bench/bench-caps-cache.c $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -Iplugin/core $(LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

# A storm of headlines from 50 contacts through the stream (tools/bench/alert-storm.sh).
$(BUILD)/bench-alert-storm: tools/bench/bench-alert-storm.c tests/integration/client.c tests/integration/client.h $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) $(PURPLE_CFLAGS) -Itests/integration -Iplugin/core $(LDFLAGS) -o $@ \
	  tools/bench/bench-alert-storm.c tests/integration/client.c $(CORE_LIB) $(PURPLE_LIBS) $(GMODULE_LIBS) $(CORE_LIBS)

# The rule engine and the inbox alone: pure core, virtual clock.
$(BUILD)/bench-alert: tools/bench/bench-alert.c $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -Iplugin/core $(LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS)

bench:
	@tools/install-deps.sh
	@$(MAKE) --no-print-directory bench-run

bench-run: $(PURPLE_PLUGIN) $(BUILD)/bench-parse $(BUILD)/bench-e2e $(BUILD)/bench-concentrator $(BUILD)/bench-caps $(BUILD)/bench-caps-cache $(BUILD)/bench-store $(BUILD)/bench-alert $(BUILD)/bench-alert-storm $(BUILD)/bench-pubsub
	tools/bench/run.sh $(BUILD)

# Only the alert rows of make bench (no server needed).
bench-alert-run: $(BUILD)/bench-alert
	$(BUILD)/bench-alert

clean:
	rm -rf build build-asan build-fuzz

-include $(CORE_OBJ:.o=.d) $(PURPLE_OBJ:.o=.d) $(UI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) \
         $(wildcard $(WT)/ui/*.d $(WT)/tests/ui/*.d)
