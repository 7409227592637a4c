/* gen_cases: deterministic synthetic echo-case/1 files for the render
 * benchmark.  Cases vary in kind, sections, list lengths, YAML styles and
 * text, and hold nothing that looks like PHI (no names, places, numbers
 * that read as identifiers; the only date is the session key).
 *
 *   gen_cases [--seed N] COUNT DIR     DIR/case-0001.yaml ... one case each
 *   gen_cases [--seed N] COUNT -       one stream of COUNT cases on stdout
 *   gen_cases --narrative clean|dense BYTES
 *                                      one case on stdout whose summary is
 *                                      a narrative of about BYTES bytes, a
 *                                      list of paragraphs
 *
 * The first K of COUNT cases are the same for every COUNT >= K.  File
 * names have at least four digits, more when COUNT needs them, so that
 * they sort in order.  A dense narrative has a phone number (555-01xx) in
 * every sentence, each one a PHI finding; a clean one has none.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng_state;

/* splitmix64: tiny, fast and the same on every platform. */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* A whole number in [lo, hi]. */
static int rng_range(int lo, int hi)
{
	return lo + (int)(rng_next() % (uint64_t)(hi - lo + 1));
}

/* True with probability percent / 100. */
static int chance(int percent)
{
	return rng_range(1, 100) <= percent;
}

#define PICK(a) ((a)[rng_next() % COUNT(a)])

static const char *const series[] = {
	"Rural Opioid Use Disorder ECHO",
	"Alcohol Use Disorder in Primary Care ECHO",
	"Peer Recovery Support ECHO",
	"Substance Use in Pregnancy ECHO",
	"Adolescent Substance Use ECHO",
	"Pain and Opioid Stewardship ECHO",
	"Co-occurring Disorders ECHO",
};
static const char *const statuses[] = {"draft", "submitted", "approved", "presented",
                                       "follow-up"};
static const char *const presenters[] = {
	"Presenting clinician, FNP", "Presenting clinician, MD", "Presenting clinician, DO",
	"Presenting clinician, PA-C", "Presenting counselor, LCSW",
	"Presenting peer specialist, CPRS", "Presenting pharmacist, PharmD",
};
static const char *const roles[] = {
	"Family nurse practitioner", "Internal medicine physician", "Family physician",
	"Physician assistant", "Licensed clinical social worker",
	"Certified peer recovery specialist", "Clinical pharmacist", "Behavioral health consultant",
};
static const char *const sites[] = {
	"a rural health clinic", "a federally qualified health center",
	"a tribal health program", "an opioid treatment program", "a recovery community organization",
	"a hospital-based primary care clinic", "a school-based health center",
	"a county jail health service",
};
static const char *const genders[] = {"woman", "man", "nonbinary", "transgender woman",
                                      "transgender man"};
static const char *const pronouns[] = {"she/her", "he/him", "they/them"};
static const char *const insurances[] = {"Medicaid", "Medicare", "uninsured",
                                         "private insurance", "dual Medicare and Medicaid"};
static const char *const settings[] = {
	"rural primary care, over an hour from the nearest treatment program",
	"urban federally qualified health center", "office-based addiction treatment",
	"residential treatment, step-down", "emergency department bridge clinic",
	"reentry program after incarceration",
};
static const char *const occupations[] = {
	"seasonal agricultural work", "retired mechanic", "restaurant cook", "long-haul driver",
	"home health aide", "construction laborer", "student", "not working",
};
static const char *const substances[] = {"fentanyl", "heroin", "methamphetamine", "alcohol",
                                         "cocaine", "cannabis", "tobacco", "xylazine",
                                         "benzodiazepines", "prescription opioids"};
static const char *const routes[] = {"smoked", "injected", "intranasal", "oral", "vaped"};
static const char *const frequencies[] = {
	"daily", "several times a day", "2 to 3 times a week", "a few times a month",
	"weekends only", "rarely", "daily, about a pint", "binges every few weeks",
};
static const char *const last_uses[] = {
	"today", "yesterday", "2 days ago", "4 days ago", "about a week ago", "3 weeks ago",
	"more than a month ago", "12 hours before the visit",
};
static const char *const severities[] = {"mild", "moderate", "severe"};
static const char *const medications[] = {
	"buprenorphine-naloxone film", "extended-release buprenorphine", "methadone",
	"naltrexone", "extended-release naltrexone", "acamprosate", "gabapentin",
	"naloxone nasal spray", "sertraline", "nicotine patch", "varenicline", "topiramate",
};
static const char *const doses[] = {
	"16/4 mg once daily", "8/2 mg twice daily", "300 mg monthly", "380 mg monthly",
	"80 mg daily", "50 mg daily", "666 mg three times daily", "4 mg as needed",
	"21 mg patch daily", "1 mg twice daily", "100 mg at bedtime",
};
static const char *const durations[] = {"8 months", "2 weeks", "since intake", "a year",
                                        "3 months", "six weeks"};

/* Instruments with a score inside their range. */
static const struct {
	const char *name;
	int max;
} instruments[] = {
	{"PHQ-9", 27}, {"GAD-7", 21}, {"AUDIT", 40}, {"AUDIT-C", 12}, {"DAST-10", 10},
	{"CAGE", 4}, {"COWS", 48}, {"CIWA-Ar", 67}, {"PCL-5", 80},
};
static const char *const whens[] = {"at intake", "last visit", "at the last visit",
                                    "last week", "on arrival", "a month ago"};
static const char *const stages[] = {"precontemplation", "contemplation", "preparation",
                                     "action", "maintenance"};
static const char *const categories[] = {"medication", "behavioral", "harm-reduction",
                                         "psychosocial", "referral", "monitoring",
                                         "peer-support", "follow-up"};
static const char *const themes[] = {"harm reduction", "team-based care",
                                     "behavioral techniques", "medication treatment",
                                     "trauma-informed care", "co-occurring conditions",
                                     "social determinants", "stigma", "peer support",
                                     "pain management", "pregnancy", "adolescents",
                                     "recovery housing", "criminal legal system"};
static const char *const hub_roles[] = {"addiction psychiatrist", "social worker",
                                        "peer recovery supervisor", "pharmacist",
                                        "addiction medicine physician", "nurse care manager"};

/* Sentences for the free-text fields, combined at random. */
static const char *const openers[] = {
	"A person in their thirties with severe opioid use disorder",
	"A patient in their late fifties with alcohol use disorder",
	"A young adult with stimulant use disorder",
	"A patient in their forties with opioid and stimulant use",
	"A pregnant patient in the second trimester with opioid use disorder",
	"An adolescent referred by the school nurse",
	"A patient recently released from incarceration",
	"A patient with chronic back pain on long-term opioids",
};
static const char *const situations[] = {
	"has been stable on buprenorphine for several months",
	"returned to use after a relationship ended",
	"lost seasonal work and housing in the same month",
	"had a nonfatal overdose that was reversed with naloxone",
	"wants to stop drinking before a planned surgery",
	"misses about half of the scheduled visits",
	"is worried about how treatment will affect custody",
	"reports cravings that are worst in the evening",
	"started using again after a painful injury",
	"has been engaged with a peer recovery specialist each week",
};
static const char *const details[] = {
	"The last two urine drug screens were positive for fentanyl.",
	"Liver tests are mildly elevated, with a normal platelet count.",
	"Transportation to the clinic takes more than an hour each way.",
	"There is no history of withdrawal seizures.",
	"A family member supports treatment and helps with appointments.",
	"Sleep has been poor for months and mood is low.",
	"The patient asks whether a higher dose or the monthly injection would help.",
	"Past withdrawal management stays were each followed by a quick return to use.",
	"The patient has declined methadone because of the daily drive.",
	"Depression screening is positive, with no suicidal ideation.",
	"Wounds on the forearms are healing slowly and need regular care.",
	"The pharmacy has had trouble keeping the prescribed formulation in stock.",
};
static const char *const questions[] = {
	"Should the buprenorphine dose go above 16 mg, or is the injectable a better fit?",
	"How should the team respond to the positive screens without pushing the patient out of care?",
	"Is outpatient withdrawal management safe here, or is inpatient care needed?",
	"Which medication is best for relapse prevention, given the liver tests?",
	"How can the clinic reduce missed visits without adding barriers?",
	"What harm reduction supplies should be offered at every visit?",
	"How should pain be managed alongside opioid use disorder treatment?",
	"What should the plan be for the weeks after delivery?",
	"How can boundaries be set without the participant feeling rejected?",
	"When is it reasonable to taper, and how slowly?",
};
static const char *const fillers[] = {
	"None at present.",
	"Monthly visits with the clinic; a peer recovery specialist calls weekly.",
	"Two withdrawal management stays, each followed by return to use within weeks.",
	"One inpatient admission years ago, complicated by a seizure.",
	"Buprenorphine and norbuprenorphine present; fentanyl *positive* twice, a month apart.",
	"Negative for all substances tested; ethyl glucuronide positive.",
	"No other controlled substance prescriptions; one prescriber, one pharmacy.",
	"Mild depressive symptoms that the patient relates to drinking.",
	"Hepatitis C antibody positive, RNA pending.",
	"Hypertension, controlled on two medications.",
	"Rents a room from a relative; stable for now.",
	"Out of work until the next planting season.",
	"Has a supportive partner and attends a mutual-help meeting.",
	"Has naloxone at home and in the car, and knows how to use it.",
	"Uses fentanyl test strips most of the time.",
	"Visits the syringe services program every week.",
	"Motivated by family and a steady job; good rapport with the care team.",
	"Stay in care, keep working, and cut down before stopping.",
	"Continue the current dose and review in two weeks.",
	"Offer extended-release buprenorphine at the next visit.",
	"Refer to a behavioral health counselor for cognitive behavioral therapy.",
	"Check liver tests again in a month.",
	"Return to a session next month to share how the plan went.",
	"Positive screens are a reason for more support, not discharge.",
	"Naloxone belongs in every visit, for every patient on opioids.",
};

/* Writes text as the body of a block scalar: every line indented and
 * wrapped near 80 columns, the way people write case files. */
static void put_block(FILE *f, const char *indent, const char *text)
{
	const size_t width = 78 - strlen(indent);
	const char *p = text;
	while (*p) {
		const char *eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		if (eol == p) {
			fputc('\n', f);
			p++;
			continue;
		}
		while (p < eol) {
			const char *cut = eol;
			if ((size_t)(eol - p) > width) {
				cut = p + width;
				while (cut > p && *cut != ' ')
					cut--;
				if (cut == p)
					cut = eol;
			}
			fprintf(f, "%s%.*s\n", indent, (int)(cut - p), p);
			p = cut;
			while (p < eol && *p == ' ')
				p++;
		}
		if (*p == '\n')
			p++;
	}
}

/* A paragraph of min..max sentences, into buf. */
static void paragraph(char *buf, size_t cap, int min, int max)
{
	size_t n = 0;
	int sentences = rng_range(min, max);
	buf[0] = '\0';
	for (int i = 0; i < sentences && n < cap; i++) {
		int w;
		if (i == 0)
			w = snprintf(buf + n, cap - n, "%s %s.", PICK(openers), PICK(situations));
		else
			w = snprintf(buf + n, cap - n, "%s%s", (i % 3 == 0) ? "\n" : " ", PICK(details));
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

/* A text field in one of the YAML styles people use: plain, literal block,
 * folded block, or a list of texts. */
static void text_field(FILE *f, const char *indent, const char *key,
                       const char *const *pool, size_t pool_n, int long_text)
{
	int style = rng_range(0, long_text ? 3 : 4);
	if (style == 3 || style == 4) {
		fprintf(f, "%s%s:\n", indent, key);
		int items = rng_range(1, 4);
		for (int i = 0; i < items; i++)
			fprintf(f, "%s  - %s\n", indent, pool[rng_next() % pool_n]);
		return;
	}
	if (!long_text) {
		const char *t = pool[rng_next() % pool_n];
		const char *q = style == 0 ? "\"" : style == 2 ? "'" : "";
		fprintf(f, "%s%s: %s%s%s\n", indent, key, q, t, q);
		return;
	}
	char buf[4096];
	paragraph(buf, sizeof buf, 2, 7);
	if (chance(30)) {
		size_t n = strlen(buf);
		char more[2048];
		paragraph(more, sizeof more, 1, 4);
		snprintf(buf + n, sizeof buf - n, "\n\n%s", more);
	}
	fprintf(f, "%s%s: %s\n", indent, key, style == 1 ? ">-" : "|");
	char ind[32];
	snprintf(ind, sizeof ind, "%s  ", indent);
	put_block(f, ind, buf);
}

#define FILLER(f, indent, key) text_field(f, indent, key, fillers, COUNT(fillers), 0)

static void write_case(FILE *f, int index)
{
	int practice = chance(12);
	fprintf(f, "# A synthetic case for the render benchmark.\n");
	fprintf(f, "schema: echo-case/1\n");
	fprintf(f, "id: SYN-2026-%04d\n", index);
	if (practice)
		fprintf(f, "kind: practice\n");
	else if (chance(20))
		fprintf(f, "kind: patient\n");
	fprintf(f, "series: %s\n", PICK(series));
	fprintf(f, "session: 2026-%02d-%02d\n", rng_range(1, 12), rng_range(1, 28));
	fprintf(f, "status: %s\n", PICK(statuses));
	fprintf(f, "presenter:\n  name: %s\n", PICK(presenters));
	if (chance(85))
		fprintf(f, "  role: %s\n", PICK(roles));
	if (chance(70))
		fprintf(f, "  site: %s\n", PICK(sites));
	if (!practice) {
		fprintf(f, "patient:\n  age: %d\n", rng_range(14, 89));
		if (chance(80))
			fprintf(f, "  gender: %s\n", PICK(genders));
		if (chance(60))
			fprintf(f, "  pronouns: %s\n", PICK(pronouns));
		if (chance(70))
			fprintf(f, "  insurance: %s\n", PICK(insurances));
		if (chance(60))
			fprintf(f, "  setting: %s\n", PICK(settings));
		if (chance(50))
			fprintf(f, "  occupation: %s\n", PICK(occupations));
	}
	text_field(f, "", "summary", details, COUNT(details), 1);
	fprintf(f, "questions:\n");
	for (int i = rng_range(1, 4); i > 0; i--)
		fprintf(f, "  - %s\n", PICK(questions));
	if (!practice) {
		int n = rng_range(0, 4);
		if (n)
			fprintf(f, "substance_use:\n");
		for (int i = 0; i < n; i++) {
			fprintf(f, "  - substance: %s\n", PICK(substances));
			if (chance(90))
				fprintf(f, "    route: %s\n", PICK(routes));
			if (chance(90))
				fprintf(f, "    frequency: %s\n", PICK(frequencies));
			if (chance(70))
				fprintf(f, "    age_of_onset: %d\n", rng_range(11, 40));
			if (chance(80))
				fprintf(f, "    last_use: %s\n", PICK(last_uses));
			if (chance(70))
				fprintf(f, "    severity: %s\n", PICK(severities));
		}
		if (chance(80)) {
			fprintf(f, "treatment:\n");
			int meds = rng_range(0, 3);
			if (meds)
				fprintf(f, "  medications:\n");
			for (int i = 0; i < meds; i++) {
				fprintf(f, "    - name: %s\n", PICK(medications));
				if (chance(85))
					fprintf(f, "      dose: %s\n", PICK(doses));
				if (chance(70))
					fprintf(f, "      duration: %s\n", PICK(durations));
			}
			FILLER(f, "  ", "current");
			if (chance(60))
				FILLER(f, "  ", "past");
		}
		n = rng_range(0, 4);
		if (n)
			fprintf(f, "screening:\n");
		for (int i = 0; i < n; i++) {
			size_t k = rng_next() % COUNT(instruments);
			fprintf(f, "  - instrument: %s\n    score: %d\n", instruments[k].name,
			        rng_range(0, instruments[k].max));
			if (chance(80))
				fprintf(f, "    when: %s\n", PICK(whens));
		}
		if (chance(70))
			FILLER(f, "", "urine_drug_screen");
		if (chance(60))
			FILLER(f, "", "pdmp");
		if (chance(60))
			text_field(f, "", "mental_health", details, COUNT(details), 1);
		if (chance(70))
			FILLER(f, "", "medical");
		if (chance(75)) {
			static const char *const keys[] = {"housing", "employment", "legal", "supports",
			                                   "transportation", "trauma", "family"};
			fprintf(f, "psychosocial:\n");
			for (size_t i = 0; i < COUNT(keys); i++)
				if (i == 0 || chance(50))
					FILLER(f, "  ", keys[i]);
		}
		if (chance(60)) {
			static const char *const keys[] = {"naloxone", "test_strips", "syringe_services",
			                                   "other"};
			fprintf(f, "harm_reduction:\n");
			for (size_t i = 0; i < COUNT(keys); i++)
				if (i == 0 || chance(40))
					FILLER(f, "  ", keys[i]);
		}
		if (chance(70))
			fprintf(f, "readiness:\n  stage: %s\n  ruler: %d\n", PICK(stages), rng_range(0, 10));
	}
	if (chance(70))
		FILLER(f, "", "strengths");
	if (chance(70))
		FILLER(f, "", "goals");
	int recs = chance(50) ? rng_range(1, 4) : 0;
	if (recs)
		fprintf(f, "recommendations:\n");
	for (int i = 0; i < recs; i++) {
		fprintf(f, "  - category: %s\n", PICK(categories));
		if (chance(40)) {
			char buf[2048];
			paragraph(buf, sizeof buf, 1, 3);
			fprintf(f, "    text: >-\n");
			put_block(f, "      ", buf);
		} else {
			fprintf(f, "    text: %s\n", PICK(fillers));
		}
		if (chance(70))
			fprintf(f, "    by: %s\n", PICK(hub_roles));
	}
	if (recs && chance(60))
		FILLER(f, "", "teaching_points");
	if (recs && chance(60)) {
		int n = rng_range(1, 3);
		if (chance(50)) {
			fprintf(f, "themes: [");
			for (int i = 0; i < n; i++)
				fprintf(f, "%s%s", i ? ", " : "", PICK(themes));
			fprintf(f, "]\n");
		} else {
			fprintf(f, "themes:\n");
			for (int i = 0; i < n; i++)
				fprintf(f, "  - %s\n", PICK(themes));
		}
	}
	if (recs && chance(50))
		FILLER(f, "", "follow_up");
}

/* One case with a long summary: sentences from the pools in paragraphs
 * of ten, wrapped at 78 columns.  dense: every sentence ends with a phone
 * number. */
static int write_narrative(const char *kind, const char *bytes)
{
	int dense = strcmp(kind, "dense") == 0;
	char *end;
	long target = strtol(bytes, &end, 10);
	if ((!dense && strcmp(kind, "clean") != 0) || *end || target < 1 || target > 64L << 20) {
		fputs("usage: gen_cases --narrative clean|dense BYTES\n", stderr);
		return 2;
	}
	size_t cap = (size_t)target + 4096, n = 0;
	char *text = malloc(cap);
	if (!text) {
		fputs("gen_cases: out of memory\n", stderr);
		return 2;
	}
	for (int i = 0; n < (size_t)target; i++) {
		const char *sep = i == 0 ? "" : i % 10 == 0 ? "\n\n" : " ";
		int w = dense ? snprintf(text + n, cap - n, "%s%s Call 505-555-01%02d.", sep,
		                         PICK(details), i % 100)
		              : snprintf(text + n, cap - n, "%s%s", sep, PICK(details));
		if (w < 0 || (size_t)w >= cap - n)
			break;
		n += (size_t)w;
	}
	printf("# A synthetic case with a %s narrative of about %ld bytes.\n", kind, target);
	printf("schema: echo-case/1\nid: SYN-NARRATIVE\nkind: practice\n");
	printf("series: %s\nsession: 2026-03-12\nstatus: draft\n", series[0]);
	printf("presenter:\n  name: %s\n", presenters[0]);
	/* One text is limited to 64 KiB (limit-text): the narrative is a
	 * list of paragraphs, each a literal block. */
	printf("summary:\n");
	for (char *para = text; para && *para;) {
		char *next = strstr(para, "\n\n");
		if (next) {
			*next = '\0';
			next += 2;
		}
		printf("  - |\n");
		put_block(stdout, "    ", para);
		para = next;
	}
	printf("questions:\n  - %s\n", questions[0]);
	free(text);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("gen_cases: cannot write to standard output\n", stderr);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t seed = 20260301;
	int a = 1;
	rng_state = seed;
	if (argc == 4 && strcmp(argv[1], "--narrative") == 0)
		return write_narrative(argv[2], argv[3]);
	if (argc > 2 && strcmp(argv[1], "--seed") == 0) {
		seed = strtoull(argv[2], NULL, 10);
		a = 3;
	}
	if (argc - a != 2) {
		fputs("usage: gen_cases [--seed N] COUNT DIR|-\n"
		      "       gen_cases --narrative clean|dense BYTES\n", stderr);
		return 2;
	}
	char *end;
	long count = strtol(argv[a], &end, 10);
	const char *out = argv[a + 1];
	if (*end || count < 1 || count > 999999) {
		fprintf(stderr, "gen_cases: COUNT must be 1 to 999999, not '%s'\n", argv[a]);
		return 2;
	}
	rng_state = seed;
	int stream = strcmp(out, "-") == 0;
	int digits = 4;
	for (long c = count; c > 9999; c /= 10)
		digits++;
	for (long i = 1; i <= count; i++) {
		FILE *f = stdout;
		char path[4096];
		if (stream) {
			fputs("---\n", f);
		} else {
			int w = snprintf(path, sizeof path, "%s/case-%0*ld.yaml", out, digits, i);
			if (w < 0 || (size_t)w >= sizeof path) {
				fprintf(stderr, "gen_cases: %s: the folder name is too long\n", out);
				return 2;
			}
			f = fopen(path, "w");
			if (!f) {
				fprintf(stderr, "gen_cases: %s: %s\n", path, strerror(errno));
				return 2;
			}
		}
		write_case(f, (int)i);
		if (!stream && fclose(f) != 0) {
			fprintf(stderr, "gen_cases: %s: %s\n", path, strerror(errno));
			return 2;
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("gen_cases: cannot write to standard output\n", stderr);
		return 2;
	}
	return 0;
}
