#include "log_console.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

namespace piton::gui {

LogConsole::LogConsole(QWidget *parent)
    : QWidget(parent)
{
    auto *col = new QVBoxLayout(this);
    col->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_level = new QComboBox;
    m_level->setObjectName(QStringLiteral("logLevelFilter"));
    m_level->addItem(tr("All levels"), int(LogLevel::Debug));
    m_level->addItem(tr("Info and above"), int(LogLevel::Info));
    m_level->addItem(tr("Warnings and errors"), int(LogLevel::Warning));
    m_level->addItem(tr("Errors only"), int(LogLevel::Error));
    m_level->setToolTip(tr("Show only entries of this level or higher"));
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Filter text"));
    m_search->setClearButtonEnabled(true);
    auto *filterLabel = new QLabel(tr("&Filter:"));
    filterLabel->setBuddy(m_search);
    bar->addWidget(filterLabel);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_level);
    col->addLayout(bar);

    m_view = new QPlainTextEdit;
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_view->setFont(mono);
    m_view->setMaximumBlockCount(MaxEntries);
    col->addWidget(m_view, 1);

    // One row of controls above the view, so the log keeps its lines on a small screen.
    m_copy = new QPushButton(tr("&Copy"));
    m_copy->setObjectName(QStringLiteral("copyLogButton"));
    m_copy->setToolTip(tr("Copy the shown entries to the clipboard"));
    m_save = new QPushButton(tr("Save log…"));
    m_save->setObjectName(QStringLiteral("saveLogButton"));
    m_save->setToolTip(tr("Save the shown entries to a file for support"));
    m_clear = new QPushButton(tr("Clear"));
    m_clear->setObjectName(QStringLiteral("clearLogButton"));
    bar->addWidget(m_copy);
    bar->addWidget(m_save);
    bar->addWidget(m_clear);
    m_view->setMinimumHeight(3 * m_view->fontMetrics().lineSpacing() + 2 * m_view->frameWidth() + 8);

    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_minimum = LogLevel(m_level->currentData().toInt());
        rebuild();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_text = t;
        rebuild();
    });
    connect(m_copy, &QPushButton::clicked, this, &LogConsole::copyVisible);
    connect(m_save, &QPushButton::clicked, this, &LogConsole::saveRequested);
    connect(m_clear, &QPushButton::clicked, this, &LogConsole::clear);
}

QString LogConsole::levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return tr("DEBUG");
    case LogLevel::Info: return tr("INFO");
    case LogLevel::Warning: return tr("WARN");
    case LogLevel::Error: return tr("ERROR");
    }
    return {};
}

QString LogConsole::format(const Entry &e) const
{
    return QStringLiteral("%1  %2  %3").arg(e.time.toString(QStringLiteral("HH:mm:ss.zzz")), levelName(e.level).leftJustified(5), e.text);
}

bool LogConsole::passes(const Entry &e) const
{
    if (int(e.level) < int(m_minimum))
        return false;
    return m_text.isEmpty() || format(e).contains(m_text, Qt::CaseInsensitive);
}

QColor LogConsole::levelColour(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return QColor(0x70, 0x70, 0x70);
    case LogLevel::Info: return {};
    case LogLevel::Warning: return QColor(0x9a, 0x5b, 0x00);
    case LogLevel::Error: return QColor(0xb0, 0x00, 0x20);
    }
    return {};
}

void LogConsole::showEntry(const Entry &e)
{
    QTextCharFormat f;
    const QColor colour = levelColour(e.level);
    if (colour.isValid())
        f.setForeground(colour);
    else
        f.setForeground(m_view->palette().text());
    if (e.level == LogLevel::Error)
        f.setFontWeight(QFont::Bold);
    QTextCursor c(m_view->document());
    c.movePosition(QTextCursor::End);
    if (!m_view->document()->isEmpty())
        c.insertBlock();
    c.insertText(format(e), f);
}

bool LogConsole::isFollowing() const
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    return bar->value() >= bar->maximum();
}

void LogConsole::append(LogLevel level, const QString &text)
{
    m_entries.append({QDateTime::currentDateTime(), level, text});
    if (m_entries.size() > MaxEntries)
        m_entries.removeFirst();
    if (!passes(m_entries.constLast()))
        return;
    // Follow new entries unless the user scrolled up to read older ones.
    const bool follow = isFollowing();
    showEntry(m_entries.constLast());
    if (follow)
        m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
}

QStringList LogConsole::visibleLines() const
{
    QStringList lines;
    for (const Entry &e : m_entries)
        if (passes(e))
            lines << format(e);
    return lines;
}

QStringList LogConsole::allLines() const
{
    QStringList lines;
    for (const Entry &e : m_entries)
        lines << format(e);
    return lines;
}

void LogConsole::setFilter(LogLevel minimum, const QString &text)
{
    // The widgets' signals update m_minimum / m_text and rebuild.
    m_level->setCurrentIndex(m_level->findData(int(minimum)));
    m_search->setText(text);
    m_minimum = minimum;
    m_text = text;
    rebuild();
}

void LogConsole::copyVisible() const
{
    QApplication::clipboard()->setText(visibleLines().join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

QString LogConsole::saveVisible(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(visibleLines().join(QLatin1Char('\n')).toUtf8() + '\n') < 0 || !f.commit())
        return tr("cannot write %1: %2").arg(path, f.errorString());
    return {};
}

void LogConsole::clear()
{
    m_entries.clear();
    m_view->clear();
}

void LogConsole::rebuild()
{
    m_view->clear();
    for (const Entry &e : std::as_const(m_entries))
        if (passes(e))
            showEntry(e);
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
}

} // namespace piton::gui
