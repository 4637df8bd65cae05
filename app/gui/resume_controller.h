// ResumeController: what the window does when the device vanishes during an operation. It
// remembers the operation running (or last run), follows the link through the interruption,
// probes the link until the device answers again and then offers to resume. An explicit state
// machine (docs/gui.md, "A device that vanished"); no widgets: the window shows its signals.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QTimer;

namespace piton::gui {

class ResumeController : public QObject {
    Q_OBJECT
public:
    /**
     * Idle: nothing remembered (no operation yet, it succeeded, or the user dismissed it).
     * Running: an operation was started and may be offered again; a failure that is not an
     *   interruption keeps this state (nothing is offered).
     * Interrupted: the link failed mid-operation; waiting for the window's disconnect, or the
     *   user disconnected after the interruption (nothing is probed).
     * WaitingForDevice: the device is gone; the link is probed every probeIntervalMs.
     * DeviceBack: the device answers again; resume is offered.
     */
    enum class State { Idle, Running, Interrupted, WaitingForDevice, DeviceBack };
    Q_ENUM(State)

    explicit ResumeController(int probeIntervalMs, QObject *parent = nullptr);

    State state() const { return m_state; }
    /** Title and link URI of the operation remembered (empty in Idle before any operation). */
    QString title() const { return m_title; }
    QString uri() const { return m_uri; }
    /** True when the remembered operation was interrupted by the link (for the history). */
    bool wasInterrupted() const;

    // ---- events from the window -------------------------------------------------------------
    /** An operation starts: `again` repeats it (asks its questions again). -> Running. */
    void operationStarted(const QString &title, const QString &uri, std::function<void()> again);
    /** The job ended. ok -> Idle (the bar goes). */
    void jobFinished(bool ok);
    /** The job ended on a lost link; `deviceAnswers`: the device answered right after.
     *  -> DeviceBack (offers resume) or Interrupted (a disconnect follows). Ignored in Idle. */
    void jobInterrupted(const QString &message, bool deviceAnswers);
    /** The link closed; `reason` empty when the user disconnected (stop waiting). Interrupted ->
     *  WaitingForDevice when there is a reason. */
    void disconnected(const QString &reason);
    /** The window connected (probe or user). WaitingForDevice -> DeviceBack. */
    void connected();
    /** A connect failed; true when it was this controller's probe (the window stays quiet). */
    bool connectionFailed();
    /** Resume pressed: in DeviceBack runs the operation again and returns true. */
    bool resume();
    /** Dismiss pressed: forget the operation. -> Idle. */
    void dismiss();
    /** The window's state for probing (no probe while connected or busy). */
    void setLinkState(bool connected, bool busy);
    /** True in DeviceBack while connected and idle. */
    bool canResume() const;

signals:
    void stateChanged(piton::gui::ResumeController::State state);
    /** Ask the worker to connect to `uri` (a probe, `timeoutMs` per attempt). */
    void probeRequested(const QString &uri, int timeoutMs);
    /** Show the bar with `text` (waiting, or the offer to resume). */
    void barShown(const QString &text);
    /** Hide the bar. */
    void barHidden();
    /** A line for the log: `warning` true for the window's warning level. */
    void logLine(bool warning, const QString &text);
    /** The device returned and resume is offered (after barShown). */
    void deviceReturned(const QString &title);

private:
    void setState(State s);
    void offerResume(const QString &text);
    void startWaiting(const QString &reason);
    void stopWaiting();
    void probe();

    State m_state = State::Idle;
    QString m_title;
    QString m_uri;
    std::function<void()> m_again;
    bool m_probing = false;
    bool m_connected = false;
    bool m_busy = false;
    QTimer *m_timer = nullptr;
};

} // namespace piton::gui
