// Not a test: pictures of Adjust XP with reason codes, Ledger > Reason Codes… (as an admin and
// read-only) and the audit detail of a coded change, to look at them as a support person does.
// Usage: reasons_screenshot OUT_DIR [LANGUAGE]
#include "core/audit/AuditLog.h"
#include "core/ledger/Ledger.h"
#include "core/reasons/ReasonCodes.h"
#include "core/users/Users.h"
#include "tests/actions/ActionFixture.h"
#include "translations/Translations.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/audit/AuditEventDetail.h"
#include "ui/reasons/ReasonCodeFields.h"
#include "ui/reasons/ReasonCodesDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(300); // let layouts and late results settle
    const bool ok = widget->grab().save(path);
    std::printf("%s %s (%dx%d)\n", ok ? "wrote" : "FAILED", qPrintable(path), widget->width(), widget->height());
    return ok;
}

template<typename Predicate>
void waitFor(Predicate ready, int timeout)
{
    if (!QTest::qWaitFor(ready, timeout))
        std::fprintf(stderr, "warning: gave up waiting after %d ms\n", timeout);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: reasons_screenshot OUT_DIR [LANGUAGE]\n");
        return 2;
    }
    if (auto language = Translations::install(argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en"));
        !language) {
        std::fprintf(stderr, "%s\n", qPrintable(language.error().message));
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QDir().mkpath(out.path());
    QString why;
    const auto spec = TestBackend::freshDatabase(&why);
    auto db = spec ? TestBackend::openInitialized(*spec, &why) : nullptr;
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    static_cast<void>(Users(*db).add(QStringLiteral("u-alice"), QStringLiteral("alice.martin@example.com"),
                                     QStringLiteral("Alice Martin")));
    ReasonCodes codes(*db);
    static_cast<void>(codes.add(QStringLiteral("BUG_COMP"), QStringLiteral("Bug compensation"), false));
    static_cast<void>(codes.add(QStringLiteral("CONTEST"), QStringLiteral("Contest prize"), false));
    static_cast<void>(codes.add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), true));
    static_cast<void>(
        codes.add(QStringLiteral("GOODWILL"), QStringLiteral("Goodwill after a support complaint"), false));
    static_cast<void>(codes.add(QStringLiteral("SPRING_PROMO"), QStringLiteral("Spring promotion 2026"), false));
    static_cast<void>(codes.retire(QStringLiteral("SPRING_PROMO")));
    static_cast<void>(codes.setTicketPattern(QStringLiteral("https://desk.example.com/ticket/{id}")));
    Ledger ledger(*db);
    static_cast<void>(ledger.adjust(QStringLiteral("u-alice"), 120, QStringLiteral("Streak lost in the outage"),
                                    Category::Manual, {QStringLiteral("BUG_COMP"), QStringLiteral("ZD-4411")}));
    auto fraud = ledger.adjust(QStringLiteral("u-alice"), -80, QStringLiteral("Chargeback on order 8812"),
                               Category::Manual, {QStringLiteral("FRAUD"), QStringLiteral("ZD-4502")});

    ActionFixture fx(*spec, std::move(db));
    QWidget *window = fx.window();
    window->show();
    {
        auto *dialog = new AdjustDialog(fx.session(), QStringLiteral("u-alice"), window);
        dialog->show();
        waitFor([&] { return dialog->user().has_value() && dialog->reasonCodeFields()->catalog(); }, 5000);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("amountEdit")), QStringLiteral("-80"));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reasonEdit")),
                         QStringLiteral("Chargeback on order 8812"));
        auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("reasonCodeCombo"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("FRAUD")));
        dialog->reasonCodeFields()->revealErrors();
        save(dialog, out.filePath(QStringLiteral("adjust-ticket-missing.png")));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("ticketEdit")), QStringLiteral("ZD-4502"));
        save(dialog, out.filePath(QStringLiteral("adjust-with-code.png")));
        combo->showPopup();
        QTest::qWait(200);
        if (QWidget *popup = combo->view()->window())
            save(popup, out.filePath(QStringLiteral("adjust-code-choice.png")));
        combo->hidePopup();
        dialog->close();
    }
    for (const bool admin : {true, false}) {
        auto *dialog = new ReasonCodesDialog(
            fx.session(), admin ? QString() : QStringLiteral("Your role Support may not change the reason codes"),
            window);
        dialog->show();
        waitFor([&] { return dialog->isLoaded(); }, 5000);
        dialog->table()->selectRow(2);
        save(dialog,
             out.filePath(admin ? QStringLiteral("reason-codes.png") : QStringLiteral("reason-codes-support.png")));
        dialog->close();
    }
    if (fraud) {
        auto events = AuditLog(fx.db()).page(0, 1000);
        AuditEventDetail detail;
        detail.setReasonCatalog(*ReasonCodes(fx.db()).catalog());
        for (const AuditEvent &event : *events) {
            if (event.action == QLatin1String("adjust") && event.xpId == fraud->rows.constFirst().id)
                detail.setEvent(event);
        }
        detail.resize(520, 420);
        detail.show();
        save(&detail, out.filePath(QStringLiteral("audit-detail.png")));
    }
    return 0;
}
