/* maxrss: runs a command and records its wall time, CPU time (user and
 * system) and peak resident set size, so the render benchmark needs neither
 * GNU time nor a shell clock.
 *
 *   maxrss [-i STDIN] [-O STDOUT] -r RESULTS -- COMMAND [ARG]...
 *
 * Appends "WALL_SECONDS CPU_SECONDS MAX_RSS_KILOBYTES" to RESULTS.  Exit
 * status: the command's, or 2 when it cannot be run, or 128 + N when signal
 * N ended it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0666);
	if (f < 0 || dup2(f, fd) < 0)
		return -1;
	close(f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *results = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "i:O:r:")) != -1) {
		switch (opt) {
		case 'i': in = optarg; break;
		case 'O': out = optarg; break;
		case 'r': results = optarg; break;
		default: return 2;
		}
	}
	if (!results || optind >= argc) {
		fputs("usage: maxrss [-i STDIN] [-O STDOUT] -r RESULTS -- COMMAND [ARG]...\n", stderr);
		return 2;
	}
	FILE *rf = fopen(results, "a");
	if (!rf) {
		fprintf(stderr, "maxrss: %s: %s\n", results, strerror(errno));
		return 2;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "maxrss: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		if ((in && redirect(in, STDIN_FILENO, O_RDONLY) != 0) ||
		    (out && redirect(out, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC) != 0)) {
			fprintf(stderr, "maxrss: %s\n", strerror(errno));
			_exit(2);
		}
		execv(argv[optind], argv + optind);
		fprintf(stderr, "maxrss: %s: %s\n", argv[optind], strerror(errno));
		_exit(2);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "maxrss: wait: %s\n", strerror(errno));
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* The largest of the waited-for children: there is only one. */
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	             (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	fprintf(rf, "%.6f %.6f %ld\n", secs, cpu, ru.ru_maxrss);
	if (fclose(rf) != 0) {
		fprintf(stderr, "maxrss: %s: cannot write\n", results);
		return 2;
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "maxrss: %s: killed by signal %d\n", argv[optind], WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}
