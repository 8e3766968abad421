"""Command-line arguments shared by the PolNeAR comparison scripts."""
import argparse
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def parser(doc):
    """An argument parser with --split, --shared, --brief and --show."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--brief", default=os.path.join(HERE, "..", "target", "release", "brief"))
    ap.add_argument("--show", type=int, default=0, help="print N sample disagreements of each kind")
    return ap
