#include "tests/support/TestSession.h"

#include "core/session/LedgerSession.h"

#include <QTest>

std::unique_ptr<LedgerSession> openTestSession(const ConnectionSpec &spec, QObject *context, QString *why)
{
    auto session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    Status status;
    session->open(context, [&](const Status &s) {
        status = s;
        opened = true;
    });
    if (!QTest::qWaitFor([&] { return opened; }, 30000)) {
        *why = QStringLiteral("the session did not open within 30 s");
        return nullptr;
    }
    if (!status) {
        *why = status.error().message;
        return nullptr;
    }
    return session;
}
