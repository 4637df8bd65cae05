#include "error_banner.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace piton::gui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("errorBanner"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#errorBanner { background: #fdecea; border: 1px solid #b00020; border-radius: 4px; }"
                                 "#errorBanner QLabel { color: #5f0010; }"));
    auto *row = new QHBoxLayout(this);
    auto *icon = new QLabel;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    auto *col = new QVBoxLayout;
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("errorBannerTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("errorBannerText"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    col->addWidget(m_title);
    col->addWidget(m_message);
    m_copy = new QPushButton(tr("Copy"));
    m_copy->setObjectName(QStringLiteral("errorBannerCopy"));
    m_copy->setToolTip(tr("Copy the message to the clipboard"));
    m_dismiss = new QPushButton(tr("Dismiss"));
    m_dismiss->setObjectName(QStringLiteral("errorBannerDismiss"));
    row->addWidget(icon);
    row->addLayout(col, 1);
    row->addWidget(m_copy, 0, Qt::AlignTop);
    row->addWidget(m_dismiss, 0, Qt::AlignTop);
    hide();

    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        hide();
        emit dismissed();
    });
}

void ErrorBanner::showError(const QString &title, const QString &message)
{
    m_title->setText(title);
    m_message->setText(message);
    show();
}

QString ErrorBanner::text() const
{
    return isHidden() ? QString() : m_title->text() + QLatin1Char('\n') + m_message->text();
}

} // namespace piton::gui
