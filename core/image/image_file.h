// Loading an image file: one loader for every format, chosen by content, then by extension.
#pragma once

#include "image/image.h"

#include <QString>

#include <optional>

namespace piton {

struct BoardProfile;

/** The formats loadImage() reads. */
enum class ImageFileFormat {
    IntelHex, ///< Intel HEX (intel_hex.h)
    SRecord,  ///< Motorola S-record (srecord.h)
    Binary,   ///< raw bytes, no addresses: placed at a base address the user gives
    Elf,      ///< ELF executable, PT_LOAD segments at their physical addresses (elf_image.h)
    DfuSe,    ///< ST DfuSe container with addresses (dfu_file.h)
    Dfu,      ///< plain DFU file: raw bytes + DFU suffix, no addresses (dfu_file.h)
    Uf2       ///< UF2 blocks with addresses (uf2_file.h)
};

/** The format chosen by extension alone (case-insensitive): .hex/.ihex/.ihx -> IntelHex;
 *  .srec/.s19/.s28/.s37/.mot/.mhx -> SRecord; .elf/.axf/.out -> Elf; .dfu -> DfuSe;
 *  .uf2 -> Uf2; anything else (.bin, ...) -> Binary. */
ImageFileFormat imageFormatForPath(const QString &path);

/** The format of a file's bytes, which wins over its extension: ELF magic -> Elf; UF2 magics ->
 *  Uf2; "DfuSe" prefix -> DfuSe; a DFU suffix ("UFD") without DfuSe prefix -> Dfu; text
 *  starting with ':' or 'S' + digit -> IntelHex / SRecord; otherwise imageFormatForPath(path)
 *  (so a damaged .elf or .dfu gets its reader's error, not a raw-binary reading). */
ImageFileFormat detectImageFormat(const QByteArray &bytes, const QString &path);

/** Human name of a format ("Intel HEX", "ELF", ...), for messages and `--json`. */
QString imageFormatName(ImageFileFormat format);

/** What loadImage() needs besides the path. */
struct ImageLoadOptions {
    /** Where a raw binary (or plain DFU payload) goes; files with addresses refuse one. */
    std::optional<quint32> baseAddress;
    /** How the caller's user gives the base address (e.g. "--base"), named in the error. */
    QString baseOption;
    /** The board's UF2 family id: UF2 blocks of other families are skipped (see readUf2). */
    std::optional<quint32> uf2Family;
};

/** Loads an image file in any of the formats above (detectImageFormat). Errors, in the order
 *  checked:
 *  - Io: `path` is a directory ("<path> is a directory, not an image file"); the file cannot
 *    be opened or read.
 *  - Format: the file is empty.
 *  - Usage: raw binary or plain DFU without a base address ("<path> is read as a raw binary
 *    file, which carries no addresses: give its base address with <baseOption> ADDRESS, ...");
 *    a base address given for a format that carries its own addresses.
 *  - Format: the readers' errors (each names the file and the problem); a file holding no
 *    data ("<path> holds no data (...)"); a raw file that does not fit the 32-bit address
 *    space from the base address.
 *  A returned image is never empty. Notes for the user (a missing end record, an LPC prefix
 *  skipped) are in Image::warnings(). */
Result<Image> loadImage(const QString &path, const ImageLoadOptions &options);

/** Shorthand for loadImage(path, {baseAddress, baseOption}). */
Result<Image> loadImage(const QString &path, std::optional<quint32> baseAddress = {}, const QString &baseOption = {});

/** Checks that an image read from `path` may go to `board`: a UF2 file's family id must be the
 *  board's (BoardProfile::uf2FamilyId). Error (Verify) naming both ids, or that the board
 *  profile names none. Images from other formats always pass. */
Result<void> checkImageForBoard(const Image &image, const BoardProfile &board, const QString &path);

/** Parses a load address as typed by a user: "0x08040000" (hex, case-insensitive prefix) or
 *  decimal; surrounding spaces are ignored. nullopt when it is not a 32-bit number. */
std::optional<quint32> parseAddress(const QString &text);

} // namespace piton
