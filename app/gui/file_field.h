// A file path field: a line edit with a "…" button beside it that asks the window's file chooser
// (tests replace it) for a file of a given role. Used by the Recover and the Keys and packages
// pages.
#pragma once

#include <functional>

#include <QString>

class QLineEdit;
class QWidget;

namespace piton::gui {

enum class FileRole;

/** Makes the row: the line edit is named `name` (placeholder `placeholder`), the button
 *  `name` + "Browse"; a chosen path replaces the edit's text, a cancelled choice changes
 *  nothing. Returns the row widget (to put into a layout) and the edit in *edit. */
QWidget *makeFileField(const char *name, const QString &placeholder, FileRole role,
                       std::function<QString(FileRole)> chooseFile, QLineEdit **edit);

} // namespace piton::gui
