#include "app/gui/GuiStart.h"

int main(int argc, char *argv[])
{
    GuiStart start(argc, argv);
    return start.run();
}
