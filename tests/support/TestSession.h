#pragma once

#include "core/db/ConnectionSpec.h"

#include <QString>
#include <QTest>

#include <memory>

class LedgerSession;
class QObject;

// A session on spec, opened as the window opens one (its workers connected), for tests of what
// runs on those workers. Null when it did not open within 30 s; why then says what went wrong.
std::unique_ptr<LedgerSession> openTestSession(const ConnectionSpec &spec, QObject *context, QString *why);

// Fetches until a model that loads on the session's workers (canFetchMore, fetchMore,
// isLoading) holds every row of its query.
template<typename Model>
void loadAll(Model &model)
{
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    while (model.canFetchMore({})) {
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
    }
}
