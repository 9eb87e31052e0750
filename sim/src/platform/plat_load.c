/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Where a platform description comes from: the built-in DTB, a user's
 * .dtb, or a user's .dts compiled with dtc (its error message is passed
 * on). Parsing and checks are in plat_desc.c / plat_check.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "platform.h"

#ifndef RMMSIM_DTC
#define RMMSIM_DTC "dtc"
#endif

/* A platform description larger than this is not a device tree we want. */
#define PLAT_MAX_FILE (16U << 20)

extern char **environ;

static void *read_file(const char *path, size_t *len, char *err, size_t err_len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL) {
		snprintf(err, err_len, "platform '%s': cannot open: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			unsigned char *nb;

			if (cap >= PLAT_MAX_FILE) {
				snprintf(err, err_len, "platform '%s': larger than %u MiB", path,
					 PLAT_MAX_FILE >> 20);
				goto fail;
			}
			cap = cap == 0U ? 65536U : cap * 2U;
			nb = realloc(buf, cap);
			if (nb == NULL) {
				snprintf(err, err_len, "platform '%s': out of memory", path);
				goto fail;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0U) {
			break;
		}
	}
	if (ferror(f)) {
		snprintf(err, err_len, "platform '%s': cannot read: %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	*len = n;
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

/* Keeps the first line of dtc's complaint, which names the file and line. */
static void first_line(char *s)
{
	char *nl = strchr(s, '\n');

	if (nl != NULL) {
		*nl = '\0';
	}
}

/* Runs dtc -I dts -O dtb on @path into a temporary file and reads it. */
static void *compile_dts(const char *path, size_t *len, char *err, size_t err_len)
{
	char out[] = "/tmp/rmmsim-dtb-XXXXXX";
	char msg[512] = "";
	char *const argv[] = {
		"dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, (char *)(uintptr_t)path, NULL,
	};
	posix_spawn_file_actions_t fa;
	int pipefd[2] = { -1, -1 };
	int tmp, status = 0, rc;
	size_t used = 0;
	pid_t pid;
	void *blob = NULL;

	tmp = mkstemp(out);
	if (tmp < 0) {
		snprintf(err, err_len, "platform '%s': cannot create a temporary file: %s", path,
			 strerror(errno));
		return NULL;
	}
	close(tmp);
	if (pipe(pipefd) != 0) {
		snprintf(err, err_len, "platform '%s': pipe: %s", path, strerror(errno));
		goto out;
	}
	if (posix_spawn_file_actions_init(&fa) != 0) {
		snprintf(err, err_len, "platform '%s': cannot run dtc", path);
		goto out;
	}
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	rc = posix_spawnp(&pid, RMMSIM_DTC, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	pipefd[1] = -1;
	if (rc != 0) {
		snprintf(err, err_len, "platform '%s': cannot run %s: %s", path, RMMSIM_DTC,
			 strerror(rc));
		goto out;
	}
	/* Drain stderr before waiting so a chatty dtc cannot block on a full pipe. */
	for (;;) {
		char chunk[256];
		ssize_t got = read(pipefd[0], chunk, sizeof(chunk));

		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got <= 0) {
			break;
		}
		for (ssize_t i = 0; i < got && used + 1U < sizeof(msg); i++) {
			msg[used++] = chunk[i];
		}
		msg[used] = '\0';
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(err, err_len, "platform '%s': waitpid: %s", path, strerror(errno));
			goto out;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		first_line(msg);
		snprintf(err, err_len, "platform '%s': dtc failed: %s", path,
			 msg[0] != '\0' ? msg : "(no message)");
		goto out;
	}
	blob = read_file(out, len, err, err_len);
out:
	if (pipefd[0] >= 0) {
		close(pipefd[0]);
	}
	if (pipefd[1] >= 0) {
		close(pipefd[1]);
	}
	unlink(out);
	return blob;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A DTB starts with the big-endian magic 0xd00dfeed, whatever its file name. */
static bool is_dtb(const unsigned char *b, size_t len)
{
	return len >= 4U && b[0] == 0xd0 && b[1] == 0x0d && b[2] == 0xfe && b[3] == 0xed;
}

int plat_desc_load(const char *path, struct plat_desc *d, char *err, size_t err_len)
{
	void *blob;
	size_t len = 0;
	int rc;

	if (path == NULL) {
		return plat_desc_parse(plat_default_dtb, plat_default_dtb_len, "(built-in)", d, err,
				       err_len);
	}
	blob = read_file(path, &len, err, err_len);
	if (blob == NULL) {
		return -1;
	}
	if (!is_dtb(blob, len) && has_suffix(path, ".dts")) {
		free(blob);
		blob = compile_dts(path, &len, err, err_len);
		if (blob == NULL) {
			return -1;
		}
	}
	rc = plat_desc_parse(blob, len, path, d, err, err_len);
	free(blob);
	return rc;
}
