/* Minimal checks for the C API tests: each failed check prints where and
 * what, and the test exits non-zero through TEST_EXIT(). */
#ifndef ECHO_TESTUTIL_H
#define ECHO_TESTUTIL_H

#include <stdio.h>
#include <string.h>

static int test_failures;

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond); \
			test_failures++; \
		} \
	} while (0)

/* Compares two C strings; NULL is shown as (null). */
#define CHECK_STR(got, want) \
	do { \
		const char *got_ = (got), *want_ = (want); \
		if (!got_ || !want_ || strcmp(got_, want_) != 0) { \
			fprintf(stderr, "%s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
			        __FILE__, __LINE__, #got, got_ ? got_ : "(null)", \
			        want_ ? want_ : "(null)"); \
			test_failures++; \
		} \
	} while (0)

#define CHECK_INT(got, want) \
	do { \
		long long got_ = (long long)(got), want_ = (long long)(want); \
		if (got_ != want_) { \
			fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__, \
			        __LINE__, #got, got_, want_); \
			test_failures++; \
		} \
	} while (0)

#define TEST_EXIT() \
	do { \
		if (test_failures) \
			fprintf(stderr, "%d check(s) failed\n", test_failures); \
		return test_failures ? 1 : 0; \
	} while (0)

#endif
