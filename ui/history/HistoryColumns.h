#pragma once

#include <QHash>
#include <QObject>

class QTableView;

// The history table's column widths: each from the font and the longest label of the language
// shown, the description taking what the others leave. Names, labels and times are read whole
// (the window tour checks it); when the table is too narrow for the description's minimum (a
// 1280-pixel screen beside the users pane), the other free text, the source ID (and the ID when
// shown), gives room down to its header's width, so that nothing starts behind a horizontal
// scroll bar; it widens again with the table. A column resized by hand (or restored as the last
// session left it) keeps its width.
class HistoryColumns final : public QObject
{
    Q_OBJECT

public:
    // Sets the widths of table's columns (a HistoryModel's) and keeps them fitted.
    explicit HistoryColumns(QTableView *table);

    // Narrows the free-text columns as far as the description needs to keep its minimum width,
    // and widens them back as far as there is room.
    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTableView *m_table;
    // A column that gives room: its width as set up, the least it gives way to (its header
    // whole), and its width as last set here.
    struct Room
    {
        int preferred = 0;
        int floor = 0;
        int set = 0;
    };
    QHash<int, Room> m_giving; // by column
    int m_descriptionMinimum = 0;
};
