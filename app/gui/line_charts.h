// LineCharts: the Line page's charts (Qt Charts, Debian qt6-charts-dev): the shift's yield per
// slot (passed and failed boards stacked, so a slot with worn pogo pins stands out) and boards per
// hour over the shift. Only built when Qt Charts is found (PITON_HAVE_CHARTS); the page shows
// its counters either way.
#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QWidget>

class QTimer;

class QBarSet;
class QBarCategoryAxis;
class QChart;
class QLineSeries;
class QValueAxis;

namespace piton::gui {

class LineCharts : public QWidget {
    Q_OBJECT
public:
    explicit LineCharts(QWidget *parent = nullptr);

    /** `slots` slots (categories 1..slots), all counts zero. */
    void setSlotCount(int slots);
    /** Slot `slot` (1-based) has `passed` and `failed` boards this shift. Shown with the next
     *  flush (within kFlushMs): 16 boards finishing together redraw the charts once, not 16 times. */
    void setSlotYield(int slot, int passed, int failed);
    /** A point of the boards-per-hour chart: `minutes` into the shift, the rate then (shown with
     *  the next flush, as setSlotYield). */
    void addRatePoint(double minutes, double boardsPerHour);
    /** Applies what setSlotYield/addRatePoint queued, in one chart update (also run by a timer). */
    void flush();
    /** Coalescing window of the chart updates, ms. */
    static constexpr int kFlushMs = 250;
    /** Empties both charts (a new shift). */
    void clear();

private:
    QTimer *m_flush = nullptr;
    QHash<int, QPair<int, int>> m_pendingYield; // slot -> (passed, failed), not shown yet
    QList<QPointF> m_pendingRate;               // rate points not shown yet
    QChart *m_yieldChart = nullptr;
    QBarSet *m_passed = nullptr;
    QBarSet *m_failed = nullptr;
    QBarCategoryAxis *m_slotAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QLineSeries *m_rate = nullptr;
    QValueAxis *m_timeAxis = nullptr;
    QValueAxis *m_rateAxis = nullptr;
};

} // namespace piton::gui
