// LogConsole: the window's log. Keeps every entry (timestamp, level, text) and shows those that
// pass the filter (minimum level and a case-insensitive text match); Copy puts the shown lines on
// the clipboard, Save writes them to a file, Clear empties the log. Levels are coloured, and the
// view follows new entries unless the user scrolled up. Lines have the form
// "HH:mm:ss.zzz  LEVEL  text", the same as piton-cli --log writes, so support gets one format.
#pragma once

#include "jobs/job.h"

#include <QColor>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace piton::gui {

class LogConsole : public QWidget {
    Q_OBJECT
public:
    explicit LogConsole(QWidget *parent = nullptr);

    /** Keeps at most this many entries; the oldest are dropped first. */
    static constexpr int MaxEntries = 20000;

    /** Appends an entry stamped with the current local time. */
    void append(piton::LogLevel level, const QString &text);

    /** The lines that pass the current filter, oldest first, as shown. */
    QStringList visibleLines() const;
    /** Every line kept, whatever the filter. */
    QStringList allLines() const;

    /** Sets the filter: entries below `minimum`, or whose line does not contain `text`
     *  (case-insensitive; empty matches all), are hidden. The widgets show the same. */
    void setFilter(piton::LogLevel minimum, const QString &text);

    /** Copies the visible lines to the clipboard (one per line). */
    void copyVisible() const;

    /** Writes the visible lines to `path` (UTF-8, atomically with QSaveFile). Returns an empty
     *  string on success, else the error message naming the file. */
    QString saveVisible(const QString &path) const;

    /** Removes every entry. */
    void clear();

    /** True when the view shows the newest entry: new entries then scroll into view. A user
     *  who scrolled up to read keeps the place until they scroll back to the end. */
    bool isFollowing() const;

    /** The colour a level's lines are shown in (errors red and bold, warnings amber, debug
     *  grey); invalid for Info (the palette's text colour). */
    static QColor levelColour(piton::LogLevel level);

signals:
    /** The user pressed Save: the window chooses a file and calls saveVisible(). */
    void saveRequested();

private:
    struct Entry {
        QDateTime time;
        piton::LogLevel level;
        QString text;
    };
    static QString levelName(piton::LogLevel level);
    QString format(const Entry &e) const;
    bool passes(const Entry &e) const;
    /** Adds one line at the end of the view, coloured by level. */
    void showEntry(const Entry &e);
    void rebuild();

    QList<Entry> m_entries;
    piton::LogLevel m_minimum = piton::LogLevel::Debug;
    QString m_text;

    QComboBox *m_level = nullptr;
    QLineEdit *m_search = nullptr;
    QPlainTextEdit *m_view = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_clear = nullptr;
};

} // namespace piton::gui
