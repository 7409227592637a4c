/* Benchmark for the PHI scanner: scans 1 MB and 10 MB of generated case
 * narrative and prints milliseconds per MB and the linearity ratio
 * t(10 MB) / (10 * t(1 MB)), which should be about 1.  Exits 1 only if the
 * ratio is absurd (> 3), i.e. the scan is clearly not linear. */
#include "echo/phi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Sentences in the voice of the case presenters, with and without PHI.
 * %N is replaced by a number, %P by a name, %C by a town. */
static const char *const sentences[] = {
	"%N-year-old man with OUD on buprenorphine-naloxone 16 mg/day, seen "
	"03/%N/2025 for follow-up. ",
	"His sister %P found him and gave Narcan; EMS arrived in %N minutes. ",
	"BP 142/88, HR 96, A1c 7.2%, eGFR >90, AST 84, ALT 62. ",
	"PHQ-9 of 14, GAD-7 of 12, AUDIT-C 9, CIWA-Ar 18 on arrival. ",
	"She lives with her grandson %P outside %C and drinks 3-4 beers a night. ",
	"MRN %N%N, Medicaid ID NM%N%N. ",
	"Started Sublocade 300 mg in 2021; stable for 2 weeks now. ",
	"Call her cell at (505) 555-01%N or email %P@example.org. ",
	"Peer recovery specialist met with Mr. %P at the chapter house in %C. ",
	"Using fentanyl since 2019, smoking 10-15 blues a day, 1/2 pack of "
	"cigarettes. ",
	"Goes to Narcotics Anonymous on Tuesdays and SMART Recovery online. ",
	"F11.20 opioid use disorder, severe; F10.20 alcohol use disorder. ",
	"Lives at %N Elm Street, %C, NM 873%N. ",
	"Dosing window is 6:00 to 10:30; she arrives at 7:15 most days. ",
	"Her partner %P is supportive and attends Al-Anon with her. ",
	"Court date is June %N, 2025; the judge wants proof of treatment. ",
	"Rates cravings 7/10 in the evening and 3/10 in the morning. ",
	"Previously on Suboxone and Subutex, now on Brixadi weekly. ",
	"Moved from New Mexico to Arizona in 2018 to be near family. ",
	"A %N-year-old woman on lorazepam for decades; daughter wants to taper.\n\n",
};

static const char *const names[] = {
	"Marcus", "Keisha", "Begay", "Yazzie", "Tomasz", "Dana", "Hope", "Jo",
	"Tsosie", "Aaliyah", "Rick", "Delbert",
};

static const char *const towns[] = {
	"Gallup", "Crownpoint", "Shiprock", "Farmington", "Chinle", "Kayenta",
	"Thoreau", "Tohatchi",
};

static unsigned long long rng = 88172645463325252ull;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static char *narrative(size_t len)
{
	char *buf = malloc(len + 64);
	if (!buf)
		return NULL;
	size_t n = 0;
	while (n < len) {
		const char *s = sentences[next_rand() % (sizeof sentences / sizeof *sentences)];
		for (; *s && n < len; s++) {
			char piece[32];
			const char *add = piece;
			if (s[0] == '%' && s[1] == 'N') {
				snprintf(piece, sizeof piece, "%u", 1 + next_rand() % 99);
				s++;
			} else if (s[0] == '%' && s[1] == 'P') {
				add = names[next_rand() % (sizeof names / sizeof *names)];
				s++;
			} else if (s[0] == '%' && s[1] == 'C') {
				add = towns[next_rand() % (sizeof towns / sizeof *towns)];
				s++;
			} else {
				piece[0] = *s;
				piece[1] = '\0';
			}
			size_t al = strlen(add);
			if (n + al > len)
				al = len - n;
			memcpy(buf + n, add, al);
			n += al;
		}
	}
	return buf;
}

/* Processor time of this process: steadier than wall time on a shared
 * machine. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best of several runs, in seconds; *count gets the number of matches. */
static double time_scan(const char *text, size_t len, int runs, size_t *count)
{
	double best = 1e9;
	for (int r = 0; r < runs; r++) {
		echo_phi_matches m = ECHO_PHI_MATCHES_INIT;
		double t0 = now();
		if (echo_phi_scan(text, len, &m) != 0) {
			fprintf(stderr, "bench_phi: scan failed\n");
			exit(2);
		}
		double t = now() - t0;
		*count = m.count;
		echo_phi_matches_free(&m);
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	const size_t mb = 1u << 20;
	char *text = narrative(10 * mb);
	if (!text) {
		fprintf(stderr, "bench_phi: out of memory\n");
		return 2;
	}
	size_t c1, c10;
	double t1 = time_scan(text, mb, 5, &c1);
	double t10 = time_scan(text, 10 * mb, 3, &c10);
	double ratio = t10 / (10.0 * t1);
	printf("phi scan  1 MB: %7.1f ms/MB  (%zu matches)\n", t1 * 1e3, c1);
	printf("phi scan 10 MB: %7.1f ms/MB  (%zu matches)\n", t10 * 1e3 / 10.0, c10);
	printf("linearity t(10 MB) / (10 x t(1 MB)): %.2f\n", ratio);
	free(text);
	if (ratio > 3.0) {
		printf("FAIL: the scan is not linear\n");
		return 1;
	}
	return 0;
}
