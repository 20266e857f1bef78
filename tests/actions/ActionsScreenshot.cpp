// Not a test: pictures of the four action dialogs on demo data, to look at them the way a support
// person sees them, the refusals known before the click among them.
// Usage: actions_screenshot OUT_DIR [LANGUAGE]
#include "core/history/HistoryQuery.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "models/RemovedModel.h"
#include "tests/actions/ActionFixture.h"
#include "translations/Translations.h"
#include "ui/actions/AdjustDialog.h"
#include "ui/actions/DeleteSourceDialog.h"
#include "ui/actions/RestoreDialog.h"
#include "ui/actions/RollbackDialog.h"
#include "ui/common/InlineMessage.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(300); // let layouts and late results settle
    widget->adjustSize();
    QTest::qWait(100);
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

template<typename Predicate>
void waitFor(Predicate ready, int timeout)
{
    if (!QTest::qWaitFor(ready, timeout))
        std::fprintf(stderr, "warning: gave up waiting after %d ms\n", timeout);
}

void type(QWidget *dialog, const QString &objectName, const QString &text)
{
    if (auto *line = dialog->findChild<QLineEdit *>(objectName))
        QTest::keyClicks(line, text);
    else if (auto *plain = dialog->findChild<QPlainTextEdit *>(objectName))
        QTest::keyClicks(plain, text);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: actions_screenshot OUT_DIR [LANGUAGE]\n");
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
    DemoOptions options;
    options.users = 200;
    options.transactions = 20000;
    if (auto made = DemoGenerator(*db).generate(options); !made) {
        std::fprintf(stderr, "%s\n", qPrintable(made.error().message));
        return 1;
    }
    const auto scalarText = [&](const QString &sql) { return TestBackend::scalar(*db, sql).toString(); };
    const QString top = scalarText(
        QStringLiteral("SELECT \"userId\" FROM \"UserProfile\" ORDER BY \"totalXP\" DESC, \"userId\" LIMIT 1"));
    const QString small = scalarText(
        QStringLiteral("SELECT \"userId\" FROM \"UserProfile\" WHERE \"totalXP\" > 0 ORDER BY \"totalXP\", \"userId\" "
                       "LIMIT 1"));
    const QStringList others{
        scalarText(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"id\" LIMIT 1 OFFSET 5")),
        scalarText(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"id\" LIMIT 1 OFFSET 9"))};
    Ledger ledger(*db);
    // A source several users share, and a few removals to restore.
    XpTransaction shared;
    for (const QString &user : {top, others.at(0), others.at(1), small}) {
        auto change = ledger.award({user, 250, SourceType::SpecialAchievement, QStringLiteral("launch-week-2026"),
                                    QStringLiteral("Launch week challenge"), Category::Achievement});
        if (change && shared.id.isEmpty())
            shared = change->rows.first();
    }
    HistoryQuery history(*db);
    HistoryFilter ofTop;
    ofTop.userId = top;
    const auto topRows = history.page(ofTop, std::nullopt, 6);
    HistoryFilter ofSmall;
    ofSmall.userId = small;
    const auto smallRows = history.page(ofSmall, std::nullopt, 2);
    if (!topRows || !smallRows || topRows->size() < 6 || smallRows->isEmpty()) {
        std::fprintf(stderr, "no demo rows\n");
        return 1;
    }
    static_cast<void>(
        ledger.rollback({topRows->at(4).id}, QStringLiteral("Awarded twice by the streak job (INC-2211)")));
    static_cast<void>(ledger.rollback({topRows->at(5).id}, QStringLiteral("Answer later marked as copied")));
    static_cast<void>(ledger.deleteSource(smallRows->at(1).sourceType, smallRows->at(1).sourceId,
                                          QStringLiteral("Problem withdrawn by the content team")));

    ActionFixture fx(*spec, std::move(db));
    QWidget *window = fx.window();
    window->show();

    {
        auto *dialog = new AdjustDialog(fx.session(), top, window);
        dialog->show();
        waitFor([&] { return dialog->user().has_value(); }, 5000);
        type(dialog, QStringLiteral("amountEdit"), QStringLiteral("50"));
        type(dialog, QStringLiteral("reasonEdit"),
             QStringLiteral("Goodwill for ticket #4711: streak lost in the outage"));
        save(dialog, out.filePath(QStringLiteral("adjust-dialog.png")));
        dialog->close();
    }
    {
        auto *dialog = new AdjustDialog(fx.session(), small, window);
        dialog->show();
        waitFor([&] { return dialog->user().has_value(); }, 5000);
        type(dialog, QStringLiteral("amountEdit"), QStringLiteral("-500"));
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("Refund of a duplicated achievement"));
        save(dialog, out.filePath(QStringLiteral("adjust-negative.png")));
        dialog->close();
    }
    {
        auto *dialog = new AdjustDialog(fx.session(), top, window);
        dialog->show();
        waitFor([&] { return dialog->user().has_value(); }, 5000);
        type(dialog, QStringLiteral("amountEdit"), QStringLiteral("abc"));
        save(dialog, out.filePath(QStringLiteral("adjust-invalid.png")));
        dialog->close();
    }
    {
        auto *dialog = new AdjustDialog(fx.session(), top, window);
        dialog->show();
        waitFor([&] { return dialog->user().has_value(); }, 5000);
        type(dialog, QStringLiteral("amountEdit"), QStringLiteral("50"));
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("Goodwill for ticket #4711"));
        fx.installFailingTrigger(QStringLiteral("INSERT"),
                                 QStringLiteral("could not extend file: No space left on device"));
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        waitFor([&] { return !dialog->isSubmitting() && dialog->errorMessage()->isVisible(); }, 5000);
        save(dialog, out.filePath(QStringLiteral("adjust-error.png")));
        fx.dropFailingTrigger(QStringLiteral("INSERT"));
        dialog->close();
    }
    {
        auto *dialog = new AdjustDialog(fx.session(), top, window);
        dialog->show();
        waitFor([&] { return dialog->user().has_value(); }, 5000);
        type(dialog, QStringLiteral("amountEdit"), QStringLiteral("2147483000"));
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("Goodwill for ticket #4711"));
        save(dialog, out.filePath(QStringLiteral("adjust-limit.png")));
        dialog->close();
    }
    {
        // Rolled back at another desk after this one listed it.
        static_cast<void>(Ledger(fx.db()).rollback({topRows->at(3).id}, QStringLiteral("Duplicate")));
        auto *dialog = new RollbackDialog(fx.session(), {topRows->at(3), topRows->at(0)}, window);
        dialog->show();
        waitFor([&] { return dialog->isEffectKnown(); }, 5000);
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("Duplicate awards after the import (INC-2230)"));
        save(dialog, out.filePath(QStringLiteral("rollback-removed-elsewhere.png")));
        dialog->close();
    }
    {
        auto *dialog = new RestoreDialog(fx.session(), {}, window);
        dialog->show();
        waitFor([&] { return dialog->removedModel()->rowCount() > 0 && !dialog->removedModel()->isLoading(); }, 5000);
        // Restored at another desk while this list is open.
        const QString first = dialog->removedModel()->item(0).row.id;
        static_cast<void>(Ledger(fx.db()).restore({first}, QStringLiteral("Not a duplicate")));
        dialog->table()->selectRow(0);
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("The user showed the original answer"));
        waitFor([&] { return !dialog->removedModel()->isLoading(); }, 5000);
        save(dialog, out.filePath(QStringLiteral("restore-restored-elsewhere.png")));
        static_cast<void>(Ledger(fx.db()).rollback({first}, QStringLiteral("Duplicate after all")));
        dialog->close();
    }
    {
        auto *dialog = new DeleteSourceDialog(fx.session(), std::nullopt, window);
        dialog->show();
        type(dialog, QStringLiteral("sourceIdEdit"), QStringLiteral("attempt-0000"));
        QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
        waitFor([&] { return dialog->preview().has_value(); }, 5000);
        save(dialog, out.filePath(QStringLiteral("delete-source-nothing.png")));
        dialog->close();
    }
    {
        QList<XpTransaction> rows{topRows->at(0), topRows->at(1), topRows->at(2), smallRows->at(0)};
        auto *dialog = new RollbackDialog(fx.session(), rows, window);
        dialog->show();
        waitFor([&] { return dialog->isEffectKnown(); }, 5000);
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("Duplicate awards after the import (INC-2230)"));
        save(dialog, out.filePath(QStringLiteral("rollback-dialog.png")));
        dialog->close();
    }
    {
        auto *dialog = new DeleteSourceDialog(fx.session(), shared, window);
        dialog->show();
        waitFor([&] { return dialog->preview().has_value(); }, 5000);
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("Challenge cancelled"));
        save(dialog, out.filePath(QStringLiteral("delete-source-dialog.png")));
        dialog->close();
    }
    {
        auto *dialog = new RestoreDialog(fx.session(), {}, window);
        dialog->show();
        waitFor([&] { return dialog->removedModel()->rowCount() > 0; }, 5000);
        dialog->table()->selectRow(0);
        dialog->table()->selectionModel()->select(dialog->removedModel()->index(1, 0),
                                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTest::qWait(300);
        type(dialog, QStringLiteral("reasonEdit"), QStringLiteral("The user showed the original answer"));
        save(dialog, out.filePath(QStringLiteral("restore-dialog.png")));
        dialog->close();
    }
    return 0;
}
