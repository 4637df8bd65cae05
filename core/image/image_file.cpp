#include "image/image_file.h"

#include "image/intel_hex.h"
#include "image/srecord.h"

#include <QFile>
#include <QFileInfo>

namespace piton {

ImageFileFormat imageFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("hex") || suffix == QLatin1String("ihex") || suffix == QLatin1String("ihx"))
        return ImageFileFormat::IntelHex;
    static const QStringList srec = {QStringLiteral("srec"), QStringLiteral("s19"), QStringLiteral("s28"),
                                     QStringLiteral("s37"), QStringLiteral("mot"), QStringLiteral("mhx")};
    if (srec.contains(suffix))
        return ImageFileFormat::SRecord;
    return ImageFileFormat::Binary;
}

namespace {

Error noData(const QString &path, const QString &why)
{
    return Error::make(ErrorKind::Format, QStringLiteral("%1 holds no data (%2)").arg(path, why));
}

Result<Image> readImage(QFile &file, const QString &path, ImageFileFormat format, quint32 baseAddress)
{
    switch (format) {
    case ImageFileFormat::IntelHex:
        return readIntelHex(file, path);
    case ImageFileFormat::SRecord:
        return readSRecord(file, path);
    case ImageFileFormat::Binary:
        break;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::make(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    Image image;
    auto r = image.addSegment(baseAddress, bytes);
    if (!r)
        return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(path, r.error().message));
    return image;
}

} // namespace

Result<Image> loadImage(const QString &path, std::optional<quint32> baseAddress, const QString &baseOption)
{
    const QFileInfo info(path);
    if (info.isDir())
        return Error::make(ErrorKind::Io, QStringLiteral("%1 is a directory, not an image file").arg(path));
    const ImageFileFormat format = imageFormatForPath(path);
    if (format == ImageFileFormat::Binary && !baseAddress)
        return Error::make(ErrorKind::Usage,
                           QStringLiteral("%1 is read as a raw binary file, which carries no addresses: "
                                          "give its base address%2, or use a .hex or .srec file")
                               .arg(path, baseOption.isEmpty() ? QString()
                                                               : QStringLiteral(" with %1 ADDRESS").arg(baseOption)));
    if (format != ImageFileFormat::Binary && baseAddress)
        return Error::make(ErrorKind::Usage,
                           QStringLiteral("%1 carries its own addresses; a base address applies only to "
                                          "raw binary files")
                               .arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    if (info.isFile() && file.size() == 0)
        return noData(path, QStringLiteral("the file is empty"));
    auto image = readImage(file, path, format, baseAddress.value_or(0));
    if (image && image->isEmpty())
        return noData(path, format == ImageFileFormat::Binary ? QStringLiteral("the file is empty") : QStringLiteral("no data records"));
    return image;
}

std::optional<quint32> parseAddress(const QString &text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const quint32 v = t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) ? t.mid(2).toUInt(&ok, 16) : t.toUInt(&ok, 10);
    return ok ? std::optional<quint32>(v) : std::nullopt;
}

} // namespace piton
