#include "work_pool.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace piton::gui {

namespace {
QThreadPool *g_pageWorkPool = nullptr; // made and used on the GUI thread only
}

QThreadPool *pageWorkPool()
{
    if (!g_pageWorkPool) {
        g_pageWorkPool = new QThreadPool;
        g_pageWorkPool->setObjectName(QStringLiteral("pitonPageWork"));
        g_pageWorkPool->setMaxThreadCount(8); // a few answers may wait for unreachable hosts at once
        qAddPostRoutine([] {
            delete g_pageWorkPool;
            g_pageWorkPool = nullptr;
        });
    }
    return g_pageWorkPool;
}

} // namespace piton::gui
