#include "image/elf_image.h"

#include <gelf.h>
#include <libelf.h>

#include <memory>

namespace piton {

namespace {

struct ElfCloser {
    void operator()(Elf *e) const { elf_end(e); }
};

Error elfError(const QString &sourceName, const QString &what)
{
    return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(sourceName, what));
}

QString hex(quint64 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

} // namespace

bool looksLikeElf(const QByteArray &bytes)
{
    return bytes.startsWith(QByteArrayView("\x7f" "ELF"));
}

Result<Image> readElf(const QByteArray &bytes, const QString &sourceName)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return elfError(sourceName, QStringLiteral("libelf is out of date: %1").arg(QString::fromUtf8(elf_errmsg(-1))));
    // elf_memory() wants a writable buffer and keeps pointers into it while the handle lives.
    QByteArray copy = bytes;
    std::unique_ptr<Elf, ElfCloser> elf(elf_memory(copy.data(), size_t(copy.size())));
    if (!elf || elf_kind(elf.get()) != ELF_K_ELF)
        return elfError(sourceName, QStringLiteral("not an ELF file"));
    GElf_Ehdr ehdr;
    if (!gelf_getehdr(elf.get(), &ehdr))
        return elfError(sourceName, QStringLiteral("bad ELF header: %1").arg(QString::fromUtf8(elf_errmsg(-1))));
    size_t phnum = 0;
    if (elf_getphdrnum(elf.get(), &phnum) != 0)
        return elfError(sourceName, QStringLiteral("bad program header table: %1").arg(QString::fromUtf8(elf_errmsg(-1))));
    if (phnum == 0)
        return elfError(sourceName, QStringLiteral("an ELF file without program headers (type %1, e.g. a relocatable .o): "
                                                   "link it into an executable first")
                                        .arg(ehdr.e_type));
    Image image;
    int loaded = 0;
    for (size_t i = 0; i < phnum; ++i) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf.get(), int(i), &ph))
            return elfError(sourceName, QStringLiteral("program header %1: %2").arg(i).arg(QString::fromUtf8(elf_errmsg(-1))));
        if (ph.p_type != PT_LOAD || ph.p_filesz == 0)
            continue;
        if (ph.p_offset > quint64(copy.size()) || ph.p_filesz > quint64(copy.size()) - ph.p_offset)
            return elfError(sourceName, QStringLiteral("program header %1 (PT_LOAD at %2) names %3 bytes at file offset %4, "
                                                       "past the end of the %5-byte file: the file is cut short")
                                            .arg(i).arg(hex(ph.p_paddr)).arg(ph.p_filesz).arg(ph.p_offset).arg(copy.size()));
        if (ph.p_paddr + ph.p_filesz > 0x100000000ull)
            return elfError(sourceName, QStringLiteral("program header %1: %2 bytes at physical address %3 lie beyond 4 GiB")
                                            .arg(i).arg(ph.p_filesz).arg(hex(ph.p_paddr)));
        auto r = image.addSegment(quint32(ph.p_paddr), copy.mid(qsizetype(ph.p_offset), qsizetype(ph.p_filesz)));
        if (!r)
            return elfError(sourceName, QStringLiteral("program header %1: %2").arg(i).arg(r.error().message));
        ++loaded;
    }
    if (!loaded)
        return elfError(sourceName, QStringLiteral("no loadable segment with file contents (PT_LOAD with p_filesz > 0)"));
    if (ehdr.e_entry <= 0xFFFFFFFFull)
        image.setStartAddress(quint32(ehdr.e_entry));
    return image;
}

} // namespace piton
