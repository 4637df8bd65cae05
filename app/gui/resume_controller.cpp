#include "resume_controller.h"

#include <QCoreApplication>
#include <QTimer>

namespace piton::gui {

// The texts keep the window's translation context: they were MainWindow's before the split.

ResumeController::ResumeController(int probeIntervalMs, QObject *parent)
    : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(probeIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ResumeController::probe);
}

void ResumeController::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

bool ResumeController::wasInterrupted() const
{
    return m_state == State::Interrupted || m_state == State::WaitingForDevice || m_state == State::DeviceBack;
}

void ResumeController::operationStarted(const QString &title, const QString &uri, std::function<void()> again)
{
    m_title = title;
    m_uri = uri;
    m_again = std::move(again);
    setState(State::Running);
}

void ResumeController::jobFinished(bool ok)
{
    if (!ok)
        return;
    const bool bar = m_state == State::WaitingForDevice || m_state == State::DeviceBack;
    m_again = nullptr;
    if (bar)
        stopWaiting();
    setState(State::Idle);
}

void ResumeController::jobInterrupted(const QString &message, bool deviceAnswers)
{
    if (!m_again)
        return;
    setState(State::Interrupted);
    emit logLine(true, QCoreApplication::translate("piton::gui::MainWindow", "%1 interrupted: %2").arg(m_title, message));
    if (deviceAnswers)
        offerResume(QCoreApplication::translate("piton::gui::MainWindow", "The %1 was interrupted (%2), and the device answers again. Resume it?")
                        .arg(m_title, message));
    // else: disconnected() follows and the controller waits for the device.
}

void ResumeController::disconnected(const QString &reason)
{
    m_connected = false;
    m_busy = false;
    if (reason.isEmpty()) {
        // The user disconnected: nothing to wait for.
        stopWaiting();
    } else if (wasInterrupted() && m_again && !m_uri.isEmpty()) {
        startWaiting(reason);
    }
}

void ResumeController::connected()
{
    m_probing = false;
    m_connected = true;
    m_busy = false;
    if (m_state == State::WaitingForDevice)
        offerResume(QCoreApplication::translate("piton::gui::MainWindow", "The device is back. Resume the interrupted %1?").arg(m_title));
}

bool ResumeController::connectionFailed()
{
    if (!m_probing)
        return false;
    m_probing = false;
    return true;
}

void ResumeController::setLinkState(bool connected, bool busy)
{
    m_connected = connected;
    m_busy = busy;
}

bool ResumeController::canResume() const
{
    return m_state == State::DeviceBack && m_connected && !m_busy && bool(m_again);
}

bool ResumeController::resume()
{
    if (!canResume())
        return false;
    const auto again = m_again;
    stopWaiting();
    emit logLine(false, QCoreApplication::translate("piton::gui::MainWindow", "resuming the %1").arg(m_title));
    again();
    return true;
}

void ResumeController::dismiss()
{
    stopWaiting();
    m_again = nullptr;
    setState(State::Idle);
}

void ResumeController::offerResume(const QString &text)
{
    m_timer->stop();
    setState(State::DeviceBack);
    emit barShown(text);
    emit logLine(false, QCoreApplication::translate("piton::gui::MainWindow", "the interrupted %1 can be resumed").arg(m_title));
    emit deviceReturned(m_title);
}

void ResumeController::startWaiting(const QString &reason)
{
    setState(State::WaitingForDevice);
    emit barShown(QCoreApplication::translate("piton::gui::MainWindow", "The device disappeared during the %1 (%2). Waiting for it to come back…")
                      .arg(m_title, reason));
    emit logLine(true, QCoreApplication::translate("piton::gui::MainWindow", "device lost during the %1; waiting for %2 to come back")
                           .arg(m_title, m_uri));
    m_timer->start();
}

void ResumeController::stopWaiting()
{
    m_timer->stop();
    if (m_state == State::WaitingForDevice || m_state == State::DeviceBack)
        setState(State::Interrupted);
    emit barHidden();
}

void ResumeController::probe()
{
    if (m_connected || m_busy || m_probing || m_state != State::WaitingForDevice)
        return;
    m_probing = true;
    emit probeRequested(m_uri, 1500);
}

} // namespace piton::gui
