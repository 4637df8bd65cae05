#include "line/thread_priority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace piton::line {

int slotNiceIncrement()
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue("PITON_LINE_SLOT_NICE", &ok);
    return ok && value >= 0 && value <= 19 ? value : DefaultSlotNice;
}

int lowerThreadPriority(int increment)
{
#ifdef Q_OS_LINUX
    const auto tid = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, tid);
    if (errno != 0)
        return 0;
    const int wanted = qBound(now, now + qBound(0, increment, 19), 19);
    if (wanted != now && ::setpriority(PRIO_PROCESS, tid, wanted) != 0)
        return 0;
    return wanted;
#else
    Q_UNUSED(increment);
    return 0;
#endif
}

} // namespace piton::line
