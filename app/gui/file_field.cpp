#include "file_field.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>
#include <QWidget>

namespace piton::gui {

QWidget *makeFileField(const char *name, const QString &placeholder, FileRole role,
                       std::function<QString(FileRole)> chooseFile, QLineEdit **edit)
{
    auto *row = new QWidget;
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *e = new QLineEdit;
    e->setObjectName(QLatin1String(name));
    e->setPlaceholderText(placeholder);
    auto *browse = new QToolButton;
    browse->setObjectName(QLatin1String(name) + QStringLiteral("Browse"));
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(QCoreApplication::translate("FileField", "Choose a file"));
    h->addWidget(e, 1);
    h->addWidget(browse);
    QObject::connect(browse, &QToolButton::clicked, e, [e, role, chooseFile = std::move(chooseFile)] {
        const QString path = chooseFile(role);
        if (!path.isEmpty())
            e->setText(path);
    });
    *edit = e;
    return row;
}

} // namespace piton::gui
