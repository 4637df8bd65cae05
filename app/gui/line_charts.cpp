#include "line_charts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QStackedBarSeries>
#include <QTimer>
#include <QValueAxis>

namespace piton::gui {

LineCharts::LineCharts(QWidget *parent) : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_flush = new QTimer(this);
    m_flush->setSingleShot(true);
    m_flush->setInterval(kFlushMs);
    connect(m_flush, &QTimer::timeout, this, &LineCharts::flush);

    m_passed = new QBarSet(tr("passed"));
    m_passed->setColor(QColor(0x1b, 0x7f, 0x3a));
    m_failed = new QBarSet(tr("failed"));
    m_failed->setColor(QColor(0xb3, 0x26, 0x1e));
    auto *bars = new QStackedBarSeries;
    bars->append(m_passed);
    bars->append(m_failed);
    m_yieldChart = new QChart;
    m_yieldChart->setTitle(tr("Boards per slot this shift"));
    m_yieldChart->addSeries(bars);
    m_slotAxis = new QBarCategoryAxis;
    m_slotAxis->setTitleText(tr("slot"));
    QFont small = m_slotAxis->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    m_slotAxis->setLabelsFont(small);
    m_countAxis = new QValueAxis;
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setTickType(QValueAxis::TicksDynamic);
    m_countAxis->setTickAnchor(0);
    m_countAxis->setTickInterval(1);
    m_countAxis->setRange(0, 1);
    m_yieldChart->addAxis(m_slotAxis, Qt::AlignBottom);
    m_yieldChart->addAxis(m_countAxis, Qt::AlignLeft);
    bars->attachAxis(m_slotAxis);
    bars->attachAxis(m_countAxis);
    m_yieldChart->legend()->setAlignment(Qt::AlignBottom);
    auto *yieldView = new QChartView(m_yieldChart);
    yieldView->setObjectName(QStringLiteral("lineYieldChart"));
    yieldView->setRenderHint(QPainter::Antialiasing);
    yieldView->setMinimumHeight(220);
    yieldView->setFocusPolicy(Qt::NoFocus); // nothing to do there by keyboard: Tab goes on to the tiles
    row->addWidget(yieldView, 1);

    m_rate = new QLineSeries;
    m_rate->setName(tr("boards per hour"));
    auto *rateChart = new QChart;
    rateChart->setTitle(tr("Boards per hour"));
    rateChart->addSeries(m_rate);
    m_timeAxis = new QValueAxis;
    m_timeAxis->setTitleText(tr("minutes into the shift"));
    m_timeAxis->setRange(0, 1);
    m_rateAxis = new QValueAxis;
    m_rateAxis->setLabelFormat(QStringLiteral("%d"));
    m_rateAxis->setRange(0, 10); // whole boards/hour on the labels before the first point: 0, 5, 10
    m_rateAxis->setTickCount(3);
    rateChart->addAxis(m_timeAxis, Qt::AlignBottom);
    rateChart->addAxis(m_rateAxis, Qt::AlignLeft);
    m_rate->attachAxis(m_timeAxis);
    m_rate->attachAxis(m_rateAxis);
    rateChart->legend()->hide();
    auto *rateView = new QChartView(rateChart);
    rateView->setObjectName(QStringLiteral("lineRateChart"));
    rateView->setRenderHint(QPainter::Antialiasing);
    rateView->setMinimumHeight(220);
    rateView->setFocusPolicy(Qt::NoFocus);
    row->addWidget(rateView, 1);
}

void LineCharts::setSlotCount(int count)
{
    m_pendingYield.clear(); // for the old slots
    QStringList categories;
    m_passed->remove(0, m_passed->count());
    m_failed->remove(0, m_failed->count());
    for (int i = 1; i <= count; ++i) {
        categories << QString::number(i);
        m_passed->append(0);
        m_failed->append(0);
    }
    m_slotAxis->clear();
    m_slotAxis->append(categories);
    m_countAxis->setRange(0, 1);
}

void LineCharts::setSlotYield(int slot, int passed, int failed)
{
    if (slot < 1 || slot > m_passed->count())
        return;
    m_pendingYield.insert(slot, {passed, failed});
    if (!m_flush->isActive())
        m_flush->start();
}

void LineCharts::addRatePoint(double minutes, double boardsPerHour)
{
    m_pendingRate.append(QPointF(minutes, boardsPerHour));
    if (!m_flush->isActive())
        m_flush->start();
}

void LineCharts::flush()
{
    m_flush->stop();
    // Each change to a bar set, series or axis makes Qt Charts lay the chart out again at once:
    // the axes first (once), then the values.
    int most = 0;
    for (auto it = m_pendingYield.cbegin(); it != m_pendingYield.cend(); ++it)
        most = qMax(most, it.value().first + it.value().second);
    if (most > m_countAxis->max()) {
        m_countAxis->setRange(0, most);
        m_countAxis->setTickInterval(qMax(1, (most + 4) / 5));
    }
    for (auto it = m_pendingYield.cbegin(); it != m_pendingYield.cend(); ++it) {
        if (it.key() > m_passed->count())
            continue;
        if (m_passed->at(it.key() - 1) != it.value().first)
            m_passed->replace(it.key() - 1, it.value().first);
        if (m_failed->at(it.key() - 1) != it.value().second)
            m_failed->replace(it.key() - 1, it.value().second);
    }
    m_pendingYield.clear();
    if (m_pendingRate.isEmpty())
        return;
    double minutes = 0, rate = 0;
    for (const QPointF &p : std::as_const(m_pendingRate)) {
        minutes = qMax(minutes, p.x());
        rate = qMax(rate, p.y());
    }
    if (minutes > m_timeAxis->max())
        m_timeAxis->setRange(0, minutes * 1.2);
    if (rate > m_rateAxis->max()) {
        m_rateAxis->setRange(0, rate * 1.2);
        m_rateAxis->applyNiceNumbers();
    }
    m_rate->append(m_pendingRate);
    m_pendingRate.clear();
}

void LineCharts::clear()
{
    m_flush->stop();
    m_pendingYield.clear();
    m_pendingRate.clear();
    for (int i = 0; i < m_passed->count(); ++i) {
        m_passed->replace(i, 0);
        m_failed->replace(i, 0);
    }
    m_countAxis->setRange(0, 1);
    m_countAxis->setTickInterval(1);
    m_rate->clear();
    m_timeAxis->setRange(0, 1);
    m_rateAxis->setRange(0, 10);
    m_rateAxis->setTickCount(3);
}

} // namespace piton::gui
