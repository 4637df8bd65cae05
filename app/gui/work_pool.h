#pragma once

class QThreadPool;

namespace piton::gui {

/**
 * The pool for the pages' blocking and long work: database connections of the Line page (a
 * PostgreSQL host that does not answer holds a thread for its 5 s connect timeout), package and
 * password hashes, the station's prepare(), building, signing and encrypting packages and key
 * updates (Package tools and Keys pages; seconds for a large image).
 *
 * Not QThreadPool::globalInstance(): Qt 6.4's raster paint engine splits large fills into
 * segments on the global pool and waits for them on the GUI thread, so a global pool whose
 * threads (one per core) are busy or wait for a server stops the window painting for as long
 * (gui.line releaseOffTheGuiThread saw 4.7 s before the Line page had this pool).
 *
 * One for the application, made on first use (GUI thread only), at most 8 threads: a page that
 * closes while its work runs does not wait for it. Deleted as the application object ends (a
 * post routine, before Qt SQL's drivers go), which waits for the work still running.
 */
QThreadPool *pageWorkPool();

} // namespace piton::gui
