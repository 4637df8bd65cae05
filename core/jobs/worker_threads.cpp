#include "worker_threads.h"

#include "package/keys.h"

#include <openssl/crypto.h>

namespace piton {

void freeThreadCryptoState()
{
    // The key readers' decoder context first: freeing it may still use the thread's OpenSSL state.
    freeThreadKeyReaders();
    OPENSSL_thread_stop();
}

ThreadCryptoCleanup::~ThreadCryptoCleanup()
{
    freeThreadCryptoState();
}

} // namespace piton
