// A stand-in for Windows' bcryptprimitives.dll, for running Liaison.exe
// under Wine in CI only (it is never shipped). Go's runtime takes its
// random numbers from ProcessPrng, which Windows 10 and later have and
// Wine 8 lacks; this one gets them from RtlGenRandom (SystemFunction036).
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n) {
	while (n > 0) {
		ULONG k = n > 0x10000000 ? 0x10000000 : (ULONG)n;
		if (!SystemFunction036(data, k)) {
			return FALSE;
		}
		data += k;
		n -= k;
	}
	return TRUE;
}
