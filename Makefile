# smartcopy — the two commands of the README are `make demo` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The Debian 12 packages the build needs (DEVELOPERS.md). Never libboost-dev (1.74) nor
# libmsgpack-cxx-dev, which pulls it in and conflicts with Boost 1.81.
PACKAGES := cmake g++ make ccache sqlite3 \
  libcaf-dev libboost1.81-dev libboost-json1.81-dev libboost-system1.81-dev \
  libssl-dev libsoci-dev libsqlite3-dev libspdlog-dev doctest-dev libsecp256k1-dev \
  libcrypto++-dev libtomlplusplus-dev libcli11-dev chromium

.PHONY: deps configure build test demo bench format clean

# Installs only what is missing; `apt-get update` runs only when something must be installed.
deps:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "deps: all $(words $(PACKAGES)) packages present"; fi

configure:
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release > /dev/null

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

demo: deps build
	@bash app/demo.sh $(BUILD_DIR)/smartcopy

# The backtest benchmark (bench/README.md). Long: synthesizes the standard dataset once into
# $(BUILD_DIR)/bench-data, then times the backtest and a bare parse of it.
bench: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DSMARTCOPY_BENCH=ON > /dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS) --target smartcopy smartcopy_parse_bench
	@bash bench/run_bench.sh $(BUILD_DIR)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR)
