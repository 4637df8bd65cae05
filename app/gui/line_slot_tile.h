// LineSlotTile: one slot of the Line page (docs/line-mode.md, "The Line page"), a view over the
// station's events for that slot (core/line/station.h): its state in large letters on a coloured
// background, the board's serial, the step k of n, progress with rate and time left, the
// attempt's elapsed time, the result and the last error in words, and a Start/Stop button for
// the slot. Sized to be read from a metre away. It owns no station: it shows events and asks the
// page to start or stop its slot through a signal.
#pragma once

#include <QElapsedTimer>
#include <QFrame>
#include <QJsonObject>

class QLabel;
class QProgressBar;
class QPushButton;

namespace piton::gui {

class LineSlotTile : public QFrame {
    Q_OBJECT
public:
    /** A tile for slot `number` (1-based) on link `uri`. */
    LineSlotTile(int number, const QString &uri, QWidget *parent = nullptr);

    int number() const { return m_number; }
    QString uri() const { return m_uri; }
    /** The slot's state as the station names it ("idle" before any event): empty, present,
     *  running, passed, failed, removed, stopped. */
    QString state() const { return m_state; }
    /** The board's serial: the one the recipe gave it, else the one it reported. */
    QString serial() const { return m_serial; }
    QString lastError() const { return m_error; }
    /** The scanned barcode for this slot and whether it matches the board's serial. */
    QString scanned() const { return m_scanned; }

    /** Applies one station event of this slot (state, identifiers, step, progress, result, error). */
    void applyEvent(const QJsonObject &event);
    /** Shows whether the slot runs (its button offers Stop) or not (Start). */
    void setRunning(bool running);
    /** Shows the selection (the slot a scanned barcode goes to). */
    void setSelected(bool selected);
    /** Records a scanned barcode for this slot and compares it with the serial when known. */
    void setScanned(const QString &code);
    /** Refreshes the elapsed time (called once a second by the page). */
    void tick();
    /** Back to the look of a slot that has not run yet. */
    void reset();
    /** As a click on the slot's Start/Stop button (the page's F8): startStopRequested(). */
    void requestStartStop() { emit startStopRequested(m_number, !m_running); }

signals:
    /** The user asks to start (`start` true) or stop this slot. */
    void startStopRequested(int number, bool start);
    /** The user clicked the tile: it becomes the selected slot. */
    void selected(int number);

protected:
    void mousePressEvent(QMouseEvent *event) override;

private:
    void showState();
    void showScan();

    int m_number;
    QString m_uri;
    QString m_state = QStringLiteral("idle");
    QString m_serial, m_error, m_scanned, m_stepText;
    bool m_running = false;
    bool m_selected = false;
    bool m_recognised = false;
    QElapsedTimer m_elapsed;
    qint64 m_finalMs = -1;

    QLabel *m_title = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_serialLabel = nullptr;
    QLabel *m_stepLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_timeLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_scanLabel = nullptr;
    QPushButton *m_button = nullptr;
};

} // namespace piton::gui
