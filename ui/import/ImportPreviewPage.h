#pragma once

#include <QWizardPage>

class CsvPreviewModel;
class ImportProblemModel;
class ImportProgressPanel;
class ImportWizard;
class InlineMessage;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

// Step 2: the first rows of the file as written, and every problem the check (a dry run on the
// background worker) finds, with its line. Next only when the whole file is fine.
class ImportPreviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportPreviewPage(ImportWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    void loadPreview();
    void followCheck();
    void checkFinished();
    void checkAgain();
    void showProblemRow(const QModelIndex &index);
    void balance(); // the rows get the room they need, the problems the rest

    ImportWizard *m_wizard;
    CsvPreviewModel *m_rows;
    ImportProblemModel *m_problems;
    QLabel *m_rowsCaption;
    QTableView *m_rowsView;
    QLabel *m_problemsCaption;
    ImportProgressPanel *m_progress;
    QTableView *m_problemsView;
    InlineMessage *m_message;
    QPushButton *m_checkAgain;
    QSplitter *m_splitter;
};
