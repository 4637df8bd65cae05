// The user-interface language of the applications (piton, piton-cli).
#pragma once

#include <QString>

class QCoreApplication;

namespace piton {

/**
 * Installs Piton's translation for `language` ("de", "fr", or a locale name such as "de_DE" as
 * QLocale::system().name() gives it from LC_ALL / LC_MESSAGES / LANG) into `app`, and Qt's own
 * (qtbase_<lang>.qm from Qt's translations directory, Debian qt6-translations-l10n) for Qt's
 * standard texts. Piton's translations are translations/piton_<lang>.ts compiled to .qm and
 * embedded in each application under the Qt resource path :/i18n (app/gui/CMakeLists.txt), so
 * the build tree and an installed program find them alike. English ("en...") and the C locale
 * install nothing: the source texts are English. Returns false when Piton has no translation for
 * `language` (the texts stay English); nothing else can fail.
 */
bool installTranslations(QCoreApplication &app, const QString &language);

} // namespace piton
