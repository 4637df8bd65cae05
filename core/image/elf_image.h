// ELF executable reader (libelf).
#pragma once

#include "image/image.h"

#include <QByteArray>
#include <QString>

namespace piton {

/** Reads the loadable contents of an ELF executable (32- or 64-bit, either byte order) through
 *  elfutils' libelf: every program header of type PT_LOAD with a non-zero p_filesz contributes
 *  its p_filesz file bytes at its *physical* address p_paddr (the load address, LMA, where a
 *  programmer puts them; p_vaddr is where they run). Bytes between p_filesz and p_memsz (.bss)
 *  are not part of the image. The entry point e_entry becomes the start address. This is what
 *  `arm-none-eabi-objcopy -O binary/ihex` writes from the same file (source: System V ABI,
 *  "Program Header"; ELF(5)).
 *
 *  Errors (ErrorKind::Format) start with "<sourceName>: ": not an ELF file (libelf's reason),
 *  an ELF without program headers (a relocatable object, .o: "link it first"), no PT_LOAD
 *  segment with file bytes, a segment whose bytes lie outside the file, a segment above 4 GiB,
 *  overlapping segments (the address). */
Result<Image> readElf(const QByteArray &bytes, const QString &sourceName);

/** True when `bytes` start with the ELF magic 0x7F 'E' 'L' 'F'. */
bool looksLikeElf(const QByteArray &bytes);

} // namespace piton
