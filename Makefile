# wiredex: one non-recursive Makefile. Objects go to $(BUILD), binaries to
# $(BIN). `make check-asan` is the same rules with sanitizers in a second
# build directory, not a second build system.

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
BIN ?= bin

PKGS := xapian-core zlib libxml-2.0 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
# libcsv (Debian libcsv-dev) ships no pkg-config file.
PKG_LIBS := $(shell pkg-config --libs $(PKGS)) -lcsv -lfcgi -lpthread
CMOCKA_LIBS := $(shell pkg-config --libs cmocka)
# The indexer allocates millions of small term and posting objects:
# jemalloc does that about 8% faster than glibc's malloc (make bench).
# Sanitizer builds keep the sanitizer's own allocator.
INDEX_LIBS := $(if $(SAN),,$(shell pkg-config --libs jemalloc))

CC ?= cc
CXX ?= c++
SAN ?=
OPT ?= -O2 -g
WARN := -Wall -Wextra -Werror -Wswitch-enum -Wshadow -Wstrict-prototypes
CPPFLAGS += -I. -Icommon -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS += -std=c11 $(OPT) $(WARN) $(SAN) -MMD -MP $(PKG_CFLAGS)
CXXFLAGS += -std=c++17 $(OPT) -Wall -Wextra -Werror $(SAN) -MMD -MP \
	$(PKG_CFLAGS)
LDFLAGS += $(SAN)

COMMON_SRCS := $(sort $(wildcard common/*.c))
# The C++: the Xapian wrapper, and the search policy that must touch
# Xapian classes.
CXX_SRCS := common/wx_xapian.cc searcher/wx_match.cc
INDEXER_SRCS := $(filter-out indexer/main.c,$(sort $(wildcard indexer/*.c)))
SEARCHER_SRCS := $(filter-out searcher/main.c,$(sort $(wildcard searcher/*.c)))
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

LIB_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(COMMON_SRCS) $(INDEXER_SRCS) \
	$(SEARCHER_SRCS)) $(patsubst %.cc,$(BUILD)/%.o,$(CXX_SRCS))
LIB := $(BUILD)/libwiredex.a
TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
PROGS := $(BIN)/wiredex-index $(BIN)/wiredex-search
# Fuzz targets: with FUZZ set (make fuzz, clang) libFuzzer's main; else
# replay.c's, which make check runs over the saved corpora.
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRCS))
FUZZ ?=
FUZZ_MAIN := $(if $(FUZZ),,$(BUILD)/tests/fuzz/replay.o)
FUZZ_SECONDS ?= 60

.PHONY: all check check-unit check-e2e check-asan check-fuzz fuzz fuzz-bins \
	torture bench bench-quick eval install uninstall clean

all: $(PROGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

# The C++ wrapper pulls in libstdc++, so link with $(CXX).
$(BIN)/wiredex-index: $(BUILD)/indexer/main.o $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(INDEX_LIBS)

$(BIN)/wiredex-search: $(BUILD)/searcher/main.o $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/%.o $(FUZZ_MAIN) $(LIB)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) $(FUZZ) -o $@ $^ $(PKG_LIBS)

.PRECIOUS: $(BUILD)/tests/fuzz/%.o

fuzz-bins: $(FUZZ_BINS)

check: all $(TESTS) $(FUZZ_BINS)
	@bash tests/run-unit.sh $(TESTS)
	@bash tests/fuzz/replay.sh $(BUILD)/fuzz $(BIN)
	@bash tests/check-source.sh $(BUILD)
	@WX_BIN=$(abspath $(BIN)) WX_E2E_CACHE=$(abspath $(BUILD))/e2e-cache \
	  bash tests/e2e/run.sh

check-unit: $(TESTS)
	@bash tests/run-unit.sh $(TESTS)

check-e2e: all
	@WX_BIN=$(abspath $(BIN)) WX_E2E_CACHE=$(abspath $(BUILD))/e2e-cache \
	  bash tests/e2e/run.sh

# Same suite, instrumented. Leak checking stays on (ASan's default).
check-asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/bin OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  check

check-fuzz: all $(FUZZ_BINS)
	@bash tests/fuzz/replay.sh $(BUILD)/fuzz $(BIN)

# libFuzzer with ASan and UBSan (clang-14; its -Wstring-concatenation
# objects to split UTF-8 literals): each target FUZZ_SECONDS,
# one at a time, seeded from fixtures/ and tests/fuzz/corpus; new
# crashes land in tests/fuzz/crashes/TARGET/ (make check replays them).
FUZZ_CC ?= clang-14
FUZZ_CXX ?= clang++-14
fuzz:
	$(MAKE) BUILD=build-fuzz BIN=build-fuzz/bin CC=$(FUZZ_CC) \
	  CXX=$(FUZZ_CXX) OPT="-O1 -g" \
	  WARN="$(WARN) -Wno-string-concatenation" \
	  SAN="-fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  FUZZ="-fsanitize=fuzzer" all fuzz-bins
	bash tests/fuzz/run.sh build-fuzz/fuzz build-fuzz/bin $(FUZZ_SECONDS)

# Kills, a full disk, hostile files and load (minutes; not in check).
torture: all
	WX_BIN=$(abspath $(BIN)) bash tests/torture/run.sh

bench: all
	bash bench/run.sh

bench-quick: all
	BENCH_QUICK=1 bash bench/run.sh

# Ranking quality on the Cranfield collection (../shared); not a test.
eval: all
	WX_BIN=$(abspath $(BIN)) bash scripts/eval.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	if [ -d man ]; then install -m 644 man/*.1 \
	  $(DESTDIR)$(PREFIX)/share/man/man1/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/wiredex-index \
	  $(DESTDIR)$(PREFIX)/bin/wiredex-search \
	  $(DESTDIR)$(PREFIX)/share/man/man1/wiredex-index.1 \
	  $(DESTDIR)$(PREFIX)/share/man/man1/wiredex-search.1

# The generator of built-in dictionaries (scripts/make-zdict.sh): not
# part of the build, whose dictionaries are committed C source.
ZDICT_TOOL_OBJS := $(BUILD)/scripts/make-zdict.o $(BUILD)/common/wx_buf.o \
	$(BUILD)/common/wx_words.o $(BUILD)/common/wx_zcodec.o \
	$(BUILD)/common/wx_status.o
$(BUILD)/make-zdict: $(ZDICT_TOOL_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

clean:
	rm -rf build build-asan build-fuzz bin

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
