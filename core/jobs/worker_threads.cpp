#include "worker_threads.h"

#include <openssl/crypto.h>

namespace piton {

void freeThreadCryptoState()
{
    OPENSSL_thread_stop();
}

ThreadCryptoCleanup::~ThreadCryptoCleanup()
{
    freeThreadCryptoState();
}

} // namespace piton
