/* ECHO_EXPORT marks the library's API: libecho is built with hidden
 * symbol visibility, so only what its public headers declare with this
 * macro is exported.  Every public header includes this one. */
#ifndef ECHO_EXPORT_H
#define ECHO_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define ECHO_EXPORT __attribute__((visibility("default")))
#else
#define ECHO_EXPORT
#endif

#endif
