// Holds a file open as Excel holds a workbook, sharing it for reading
// only, for the given number of seconds: .ci/wine-smoke checks that
// Liaison.exe then says the file is open elsewhere and leaves it as it was.
// For CI under Wine only; never shipped.
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: hold FILE SECONDS\n");
		return 2;
	}
	HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "hold: cannot open the file (error %lu)\n", GetLastError());
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	Sleep((DWORD)_wtoi(argv[2]) * 1000);
	CloseHandle(h);
	return 0;
}
