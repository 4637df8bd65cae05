// Line-mode recipe JSON (core/line/recipe.cpp); relative paths resolve below a directory that
// does not exist, so nothing on disk is read. A recipe that parses must give a canonical JSON
// that parses again to the same identity.
#include "fuzz_host.h"
#include "line/recipe.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString base = QStringLiteral("/nonexistent/piton-fuzz");
    const auto recipe = piton::line::Recipe::parse(piton::fuzz::bytes(data, size), base);
    piton::fuzz::requireExplained(recipe);
    if (recipe) {
        const QByteArray canonical = QJsonDocument(recipe.value().toJson()).toJson(QJsonDocument::Compact);
        const auto again = piton::line::Recipe::parse(canonical, base);
        piton::fuzz::require(again.ok() && again.value().sha256() == recipe.value().sha256());
    }
    return 0;
}
