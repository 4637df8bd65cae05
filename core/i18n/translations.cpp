#include "i18n/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace piton {

bool installTranslations(QCoreApplication &app, const QString &language)
{
    if (language.isEmpty() || language.startsWith(QLatin1String("en")) || language == QLatin1String("C")
        || language.startsWith(QLatin1String("C.")) || language == QLatin1String("POSIX"))
        return false;
    const QLocale locale(language);
    auto *ours = new QTranslator(&app);
    const bool found = ours->load(locale, QStringLiteral("piton"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (found)
        QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return found;
}

} // namespace piton
