#include "line_charts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace piton::gui {

LineCharts::LineCharts(QWidget *parent) : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);

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
    m_rateAxis->setRange(0, 1);
    rateChart->addAxis(m_timeAxis, Qt::AlignBottom);
    rateChart->addAxis(m_rateAxis, Qt::AlignLeft);
    m_rate->attachAxis(m_timeAxis);
    m_rate->attachAxis(m_rateAxis);
    rateChart->legend()->hide();
    auto *rateView = new QChartView(rateChart);
    rateView->setObjectName(QStringLiteral("lineRateChart"));
    rateView->setRenderHint(QPainter::Antialiasing);
    rateView->setMinimumHeight(220);
    row->addWidget(rateView, 1);
}

void LineCharts::setSlotCount(int count)
{
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
    m_passed->replace(slot - 1, passed);
    m_failed->replace(slot - 1, failed);
    if (passed + failed > m_countAxis->max()) {
        m_countAxis->setRange(0, passed + failed);
        m_countAxis->setTickInterval(qMax(1, (passed + failed + 4) / 5));
    }
}

void LineCharts::addRatePoint(double minutes, double boardsPerHour)
{
    m_rate->append(minutes, boardsPerHour);
    if (minutes > m_timeAxis->max())
        m_timeAxis->setRange(0, minutes * 1.2);
    if (boardsPerHour > m_rateAxis->max()) {
        m_rateAxis->setRange(0, boardsPerHour * 1.2);
        m_rateAxis->applyNiceNumbers();
    }
}

void LineCharts::clear()
{
    for (int i = 0; i < m_passed->count(); ++i) {
        m_passed->replace(i, 0);
        m_failed->replace(i, 0);
    }
    m_countAxis->setRange(0, 1);
    m_countAxis->setTickInterval(1);
    m_rate->clear();
    m_timeAxis->setRange(0, 1);
    m_rateAxis->setRange(0, 1);
}

} // namespace piton::gui
