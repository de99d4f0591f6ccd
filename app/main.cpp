#include <iostream>
int main() { std::cout << "smartcopy\n"; }
