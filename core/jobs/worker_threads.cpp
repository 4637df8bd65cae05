#include "worker_threads.h"

#include <QThreadPool>

#include <openssl/crypto.h>

namespace piton {

void joinWorkerThreads()
{
    // waitForDone() waits for the queue and removes the pool's threads (Qt 6: "Waits ... for all
    // threads to exit and removes all threads from the thread pool").
    QThreadPool::globalInstance()->waitForDone();
}

ThreadCryptoCleanup::~ThreadCryptoCleanup()
{
    OPENSSL_thread_stop();
}

} // namespace piton
