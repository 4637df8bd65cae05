#include "line_slot_tile.h"

#include "region_map.h" // formatSize

#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace piton::gui {

namespace {

/** The state in words, as the operator reads it. */
QString stateText(const QString &state, bool recognised)
{
    if (state == QLatin1String("empty"))
        return LineSlotTile::tr("EMPTY");
    if (state == QLatin1String("present"))
        return LineSlotTile::tr("BOARD FOUND");
    if (state == QLatin1String("running"))
        return LineSlotTile::tr("RUNNING");
    if (state == QLatin1String("passed"))
        return recognised ? LineSlotTile::tr("PASSED (BEFORE)") : LineSlotTile::tr("PASSED");
    if (state == QLatin1String("failed"))
        return LineSlotTile::tr("FAILED");
    if (state == QLatin1String("removed"))
        return LineSlotTile::tr("REMOVED");
    if (state == QLatin1String("stopped"))
        return LineSlotTile::tr("STOPPED");
    if (state == QLatin1String("scan"))
        return LineSlotTile::tr("SCAN BARCODE");
    return LineSlotTile::tr("NOT STARTED");
}

/** Background and text colour of a state (pass green, fail red, running blue). */
QPair<QString, QString> stateColours(const QString &state)
{
    if (state == QLatin1String("passed"))
        return {QStringLiteral("#1b7f3a"), QStringLiteral("white")};
    if (state == QLatin1String("failed"))
        return {QStringLiteral("#b3261e"), QStringLiteral("white")};
    if (state == QLatin1String("running") || state == QLatin1String("present"))
        return {QStringLiteral("#1f5fa8"), QStringLiteral("white")};
    if (state == QLatin1String("stopped") || state == QLatin1String("scan"))
        return {QStringLiteral("#8a6d00"), QStringLiteral("white")};
    return {QStringLiteral("#d0d0d0"), QStringLiteral("black")};
}

/** Elapsed time: "12.3 s" under a minute, else "m:ss". */
QString elapsedText(qint64 ms)
{
    if (ms < 60000)
        return LineSlotTile::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

/** A style sheet change re-polishes the widget: only when it differs (events come often). */
void setStyleIfChanged(QWidget *w, const QString &style)
{
    if (w->styleSheet() != style)
        w->setStyleSheet(style);
}

} // namespace

LineSlotTile::LineSlotTile(int number, const QString &uri, QWidget *parent) : QFrame(parent), m_number(number), m_uri(uri)
{
    setObjectName(QStringLiteral("slotTile%1").arg(number));
    setFrameShape(QFrame::Box);
    setLineWidth(3);
    setMinimumWidth(230);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    auto *col = new QVBoxLayout(this);
    col->setSpacing(2);

    auto *top = new QHBoxLayout;
    m_title = new QLabel(tr("Slot %1").arg(number));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setToolTip(uri);
    top->addWidget(m_title, 1);
    m_button = new QPushButton;
    m_button->setObjectName(QStringLiteral("slotButton%1").arg(number));
    connect(m_button, &QPushButton::clicked, this, [this] { emit startStopRequested(m_number, !m_running); });
    top->addWidget(m_button);
    col->addLayout(top);

    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(QStringLiteral("slotState%1").arg(number));
    m_stateLabel->setAlignment(Qt::AlignCenter);
    QFont big = m_stateLabel->font();
    big.setPointSizeF(big.pointSizeF() * 2.2); // readable from a metre away
    big.setBold(true);
    m_stateLabel->setFont(big);
    m_stateLabel->setMinimumHeight(QFontMetrics(big).height() + 12);
    col->addWidget(m_stateLabel);

    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.3);
    m_serialLabel = new QLabel;
    m_serialLabel->setObjectName(QStringLiteral("slotSerial%1").arg(number));
    m_serialLabel->setFont(large);
    m_serialLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    col->addWidget(m_serialLabel);
    m_stepLabel = new QLabel;
    m_stepLabel->setFont(large);
    col->addWidget(m_stepLabel);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    col->addWidget(m_progress);
    auto *row = new QHBoxLayout;
    m_rateLabel = new QLabel;
    m_timeLabel = new QLabel;
    m_timeLabel->setObjectName(QStringLiteral("slotTime%1").arg(number));
    m_timeLabel->setFont(large);
    row->addWidget(m_rateLabel, 1);
    row->addWidget(m_timeLabel);
    col->addLayout(row);
    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("slotError%1").arg(number));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
    col->addWidget(m_errorLabel);
    m_scanLabel = new QLabel;
    m_scanLabel->setObjectName(QStringLiteral("slotScan%1").arg(number));
    m_scanLabel->setWordWrap(true);
    col->addWidget(m_scanLabel);
    reset();
}

void LineSlotTile::reset()
{
    m_state = QStringLiteral("idle");
    m_serial.clear();
    m_error.clear();
    m_scanned.clear();
    m_stepText.clear();
    m_recognised = false;
    m_elapsed.invalidate();
    m_finalMs = -1;
    m_progress->setValue(0);
    m_rateLabel->clear();
    m_timeLabel->clear();
    m_stepLabel->setText(QStringLiteral(" "));
    setRunning(false);
    showState();
    showScan();
}

void LineSlotTile::applyEvent(const QJsonObject &e)
{
    const QString kind = e.value(QLatin1String("event")).toString();
    if (kind == QLatin1String("state")) {
        const QString state = e.value(QLatin1String("state")).toString();
        if (state == QLatin1String("removed") || state == QLatin1String("stopped"))
            m_progress->setValue(0);
        if (state == QLatin1String("empty") || state == QLatin1String("present")) {
            // A new board (or none): forget the previous board's details.
            m_serial = e.value(QLatin1String("serialNumber")).toString();
            m_error.clear();
            m_stepText = QStringLiteral(" ");
            m_recognised = false;
            m_elapsed.invalidate();
            m_finalMs = -1;
            m_progress->setValue(0);
            m_rateLabel->clear();
            if (state == QLatin1String("empty"))
                m_scanned.clear();
        } else if (state == QLatin1String("running")) {
            m_elapsed.start();
            m_finalMs = -1;
            m_stepText = tr("step 0 of %1").arg(e.value(QLatin1String("steps")).toInt());
        } else if (state == QLatin1String("passed") || state == QLatin1String("failed")) {
            m_recognised = e.value(QLatin1String("recognised")).toBool();
            if (m_elapsed.isValid() && m_finalMs < 0)
                m_finalMs = m_elapsed.elapsed();
            if (state == QLatin1String("passed"))
                m_progress->setValue(m_progress->maximum());
            if (e.contains(QLatin1String("error")))
                m_error = e.value(QLatin1String("error")).toString();
        }
        m_state = state;
        showState();
    } else if (kind == QLatin1String("barcode")) {
        // A scan for the recipe's barcode pool: refused ones say why; the slot keeps waiting.
        if (e.value(QLatin1String("status")).toString() == QLatin1String("refused"))
            m_error = e.value(QLatin1String("error")).toString();
        else
            m_error.clear();
        showState();
    } else if (kind == QLatin1String("identifiers")) {
        const QJsonObject ids = e.value(QLatin1String("identifiers")).toObject();
        if (ids.contains(QLatin1String("serial")))
            m_serial = ids.value(QLatin1String("serial")).toString();
    } else if (kind == QLatin1String("step")) {
        const QString status = e.value(QLatin1String("status")).toString();
        const QString name = e.value(QLatin1String("step")).toString();
        const int index = e.value(QLatin1String("index")).toInt(), of = e.value(QLatin1String("of")).toInt();
        if (status == QLatin1String("start")) {
            m_stepText = tr("step %1 of %2: %3").arg(index).arg(of).arg(name);
            m_progress->setValue(0);
            m_rateLabel->clear();
        } else if (status == QLatin1String("retry")) {
            m_stepText = tr("step %1 of %2: %3 (retry)").arg(index).arg(of).arg(name);
            m_error = tr("%1 failed, retrying: %2").arg(name, e.value(QLatin1String("error")).toString());
        }
    } else if (kind == QLatin1String("progress")) {
        const qint64 done = e.value(QLatin1String("done")).toInteger(), total = e.value(QLatin1String("total")).toInteger();
        m_progress->setValue(total > 0 ? int(qBound(qint64(0), done * 1000 / total, qint64(1000))) : 0);
        const qint64 rate = e.value(QLatin1String("bytesPerSecond")).toInteger();
        const qint64 eta = e.value(QLatin1String("etaMs")).toInteger(-1);
        QStringList parts;
        if (rate > 0)
            parts << tr("%1/s").arg(formatSize(quint64(rate)));
        if (eta >= 0 && done < total)
            parts << tr("%1 s left").arg((eta + 999) / 1000);
        m_rateLabel->setText(parts.join(QStringLiteral(", ")));
    } else if (kind == QLatin1String("result")) {
        const QString result = e.value(QLatin1String("result")).toString();
        if (e.contains(QLatin1String("ms")))
            m_finalMs = e.value(QLatin1String("ms")).toInteger();
        const QJsonObject ids = e.value(QLatin1String("identifiers")).toObject();
        if (ids.contains(QLatin1String("serial")))
            m_serial = ids.value(QLatin1String("serial")).toString();
        if (result == QLatin1String("pass")) {
            m_error.clear();
            m_stepText = e.value(QLatin1String("recognised")).toBool() ? tr("passed this recipe before; not run again")
                                                                      : tr("all steps passed");
        } else {
            const QString step = e.value(QLatin1String("failureStep")).toString();
            m_error = step.isEmpty() ? e.value(QLatin1String("error")).toString()
                                     : tr("%1: %2").arg(step, e.value(QLatin1String("error")).toString());
            m_stepText = result == QLatin1String("aborted") ? tr("stopped during the attempt") : tr("failed at %1").arg(step);
        }
    } else if (kind == QLatin1String("error")) {
        m_error = e.value(QLatin1String("error")).toString();
    }
    showState();
    showScan();
    tick();
}

void LineSlotTile::showState()
{
    const auto [background, text] = stateColours(m_state);
    m_stateLabel->setText(stateText(m_state, m_recognised));
    setStyleIfChanged(m_stateLabel, QStringLiteral("background: %1; color: %2; border-radius: 4px;").arg(background, text));
    m_serialLabel->setText(m_serial.isEmpty() ? tr("serial: -") : tr("serial: %1").arg(m_serial));
    m_stepLabel->setText(m_stepText.isEmpty() ? QStringLiteral(" ") : m_stepText);
    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());
}

void LineSlotTile::setRunning(bool running)
{
    m_running = running;
    m_button->setText(running ? tr("Stop") : tr("Start"));
    m_button->setToolTip(running ? tr("Stop this slot (a running attempt is aborted and recorded)") : tr("Start this slot"));
}

void LineSlotTile::setSelected(bool selected)
{
    m_selected = selected;
    setStyleIfChanged(this, selected ? QStringLiteral("piton--gui--LineSlotTile { border: 3px solid #e69500; }") : QString());
    setFrameShadow(selected ? QFrame::Raised : QFrame::Plain);
}

void LineSlotTile::setScanned(const QString &code)
{
    m_scanned = code;
    showScan();
}

void LineSlotTile::showScan()
{
    if (m_scanned.isEmpty()) {
        m_scanLabel->clear();
        m_scanLabel->hide();
        return;
    }
    m_scanLabel->show();
    if (m_serial.isEmpty()) {
        setStyleIfChanged(m_scanLabel, QString());
        m_scanLabel->setText(tr("scanned: %1").arg(m_scanned));
    } else if (m_serial == m_scanned) {
        setStyleIfChanged(m_scanLabel, QStringLiteral("color: #1b7f3a; font-weight: bold;"));
        m_scanLabel->setText(tr("scanned %1: matches the serial").arg(m_scanned));
    } else {
        setStyleIfChanged(m_scanLabel, QStringLiteral("color: #b3261e; font-weight: bold;"));
        m_scanLabel->setText(tr("scanned %1: the board's serial is %2").arg(m_scanned, m_serial));
    }
}

void LineSlotTile::tick()
{
    if (m_finalMs >= 0)
        m_timeLabel->setText(elapsedText(m_finalMs));
    else if (m_elapsed.isValid())
        m_timeLabel->setText(elapsedText(m_elapsed.elapsed()));
    else
        m_timeLabel->clear();
}

void LineSlotTile::mousePressEvent(QMouseEvent *event)
{
    emit selected(m_number);
    QFrame::mousePressEvent(event);
}

} // namespace piton::gui
