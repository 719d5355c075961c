# SPDX-License-Identifier: ISC
# Generating takes: the backends (api/), the engine and configuration
# (gen/), the job rows (db/) and the gen, sync, jobs, cancel, retry and
# budget commands; included by Makefile.am.
src_libtakeboard_a_SOURCES += \
	src/db/db-job.c src/db/db-job.h \
	src/api/json.c src/api/json.h \
	src/api/http.c src/api/http.h \
	src/api/api.c src/api/api.h \
	src/api/api-openai.c src/api/api-openai.h \
	src/api/api-runway.c src/api/api-runway.h \
	src/api/api-command.c src/api/api-command.h \
	src/api/api-fal.c src/api/api-fal.h \
	src/api/api-comfyui.c src/api/api-comfyui.h \
	src/api/api-util.c src/api/api-util.h \
	src/api/api-gemini.c src/api/api-gemini.h \
	src/api/api-luma.c src/api/api-luma.h \
	src/api/api-replicate.c src/api/api-replicate.h \
	src/gen/gen-config.c src/gen/gen-config.h \
	src/gen/gen-queue.c src/gen/gen-queue.h \
	src/gen/gen-submit.c src/gen/gen-submit.h \
	src/cli/cli-gen.c src/cli/cli-gen.h

unit_tests += \
	tests/unit/test-api-openai \
	tests/unit/test-api-comfyui \
	tests/unit/test-api-fal \
	tests/unit/test-api-backends \
	tests/unit/test-gen-config
tests_unit_test_api_openai_SOURCES = tests/unit/test-api-openai.c \
	tests/unit/api-fixture.h tests/unit/tap.h
tests_unit_test_api_comfyui_SOURCES = tests/unit/test-api-comfyui.c \
	tests/unit/tap.h
tests_unit_test_api_fal_SOURCES = tests/unit/test-api-fal.c \
	tests/unit/tap.h
tests_unit_test_api_backends_SOURCES = tests/unit/test-api-backends.c \
	tests/unit/api-fixture.h tests/unit/tap.h
tests_unit_test_gen_config_SOURCES = tests/unit/test-gen-config.c \
	tests/unit/tap.h

cli_tests += \
	tests/cli/gen-command.sh \
	tests/cli/gen-openai.sh \
	tests/cli/gen-runway.sh \
	tests/cli/gen-kill.sh \
	tests/cli/gen-engine.sh \
	tests/cli/gen-fal.sh \
	tests/cli/gen-comfyui.sh \
	tests/cli/gen-kill-fal-comfyui.sh \
	tests/cli/gen-gemini.sh \
	tests/cli/gen-luma.sh \
	tests/cli/gen-replicate.sh \
	tests/cli/gen-kill-more.sh

dist_man_MANS += man/takeboard.conf.5

EXTRA_DIST += \
	tests/stub/mockvideo.py \
	tests/stub/fakegen.sh \
	tests/stub/mockgen3.py \
	tests/data/http/fal/submit.json \
	tests/data/http/fal/status_queued.json \
	tests/data/http/fal/status_progress.json \
	tests/data/http/fal/status_completed.json \
	tests/data/http/fal/status_error.json \
	tests/data/http/fal/result.json \
	tests/data/http/fal/result_missing.json \
	tests/data/http/fal/error_401.json \
	tests/data/http/fal/error_422.json \
	tests/data/http/fal/error_429.json \
	tests/data/http/comfyui/prompt.json \
	tests/data/http/comfyui/node_errors.json \
	tests/data/http/comfyui/history_success.json \
	tests/data/http/comfyui/history_error.json \
	tests/data/http/comfyui/history_images.json \
	tests/data/http/comfyui/queue.json \
	tests/data/comfyui/wan-t2v.json \
	tests/data/comfyui/no-prompt.json \
	tests/data/comfyui/unknown.json \
	tests/data/comfyui/ui-format.json \
	tests/data/comfyui/truncated.json \
	tests/stub/mockgen2.py \
	tests/cli/gen-lib.sh \
	tests/data/http/openai/create_response.json \
	tests/data/http/openai/in_progress.json \
	tests/data/http/openai/completed.json \
	tests/data/http/openai/failed.json \
	tests/data/http/openai/error_429.json \
	tests/data/http/openai/error_429_quota.json \
	tests/data/http/openai/error_401.json \
	tests/data/http/openai/error_404.json \
	tests/data/http/openai/list_response.json \
	tests/data/http/gemini/operation_running.json \
	tests/data/http/gemini/operation_done.json \
	tests/data/http/gemini/operation_failed.json \
	tests/data/http/gemini/operation_filtered.json \
	tests/data/http/gemini/error_429.json \
	tests/data/http/gemini/error_403.json \
	tests/data/http/luma/generation.json \
	tests/data/http/luma/generation_failed.json \
	tests/data/http/luma/error_401.json \
	tests/data/http/luma/error_429.json \
	tests/data/http/replicate/prediction.json \
	tests/data/http/replicate/prediction_failed.json \
	tests/data/http/replicate/error_401.json \
	tests/data/http/replicate/error_429.json
